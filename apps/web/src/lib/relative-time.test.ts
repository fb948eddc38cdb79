import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./relative-time.ts";

const now = "2026-12-01T12:00:00.000Z";
const secondsAgo = (seconds: number) => new Date(Date.parse(now) - seconds * 1000).toISOString();

describe("how long ago an event happened", () => {
  it("says 'just now' under a minute, and for a clock slightly ahead", () => {
    expect(formatRelativeTime(secondsAgo(0), now)).toBe("just now");
    expect(formatRelativeTime(secondsAgo(59), now)).toBe("just now");
    expect(formatRelativeTime(secondsAgo(-5), now)).toBe("just now");
  });

  it("uses the largest whole unit that fits", () => {
    expect(formatRelativeTime(secondsAgo(60), now)).toBe("1 minute ago");
    expect(formatRelativeTime(secondsAgo(5 * 60 + 59), now)).toBe("5 minutes ago");
    expect(formatRelativeTime(secondsAgo(3 * 3600), now)).toBe("3 hours ago");
    expect(formatRelativeTime(secondsAgo(24 * 3600), now)).toBe("yesterday");
    expect(formatRelativeTime(secondsAgo(3 * 24 * 3600), now)).toBe("3 days ago");
    expect(formatRelativeTime(secondsAgo(14 * 24 * 3600), now)).toBe("2 weeks ago");
    expect(formatRelativeTime(secondsAgo(60 * 24 * 3600), now)).toBe("2 months ago");
    expect(formatRelativeTime(secondsAgo(400 * 24 * 3600), now)).toBe("last year");
  });
});
