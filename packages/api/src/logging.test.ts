import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logging.ts";

function loggerWithLines() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", sink), lines };
}

describe("logs", () => {
  it("censor passwords, hashes, tokens, cookies and Authorization wherever they appear", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        password: "hunter2-Password!",
        user: { hashedPassword: "$argon2id$v=19$secret-hash", name: "alice" },
        req: {
          headers: {
            authorization: "Bearer eyJ.secret.token",
            cookie: "phresh_session=abc",
            "set-cookie": "x=y",
          },
        },
        body: {
          token: "reset-token-value",
          current_password: "Old-pass-1",
          access_token: "eyJ.other",
        },
      },
      "request",
    );
    const output = lines.join("");
    for (const secret of [
      "hunter2-Password!",
      "secret-hash",
      "eyJ.secret.token",
      "phresh_session=abc",
      "reset-token-value",
      "Old-pass-1",
      "eyJ.other",
      "x=y",
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('"name":"alice"');
    expect(output).toContain("[redacted]");
  });

  it("censor in any case, in arrays, in errors and in a child's fields, and leave the logged object as it was", () => {
    const { logger, lines } = loggerWithLines();
    const logged = {
      headers: { Authorization: "Bearer eyJ.upper" },
      sessions: [{ accessToken: "eyJ.in-array", id: 7 }],
      err: Object.assign(new Error("mail failed"), { password: "Mail-pass-1" }),
    };
    logger.child({ secretKey: "key-of-child" }).info(logged, "line");
    const output = lines.join("");
    for (const secret of ["eyJ.upper", "eyJ.in-array", "Mail-pass-1", "key-of-child"])
      expect(output).not.toContain(secret);
    const line = JSON.parse(output) as {
      sessions: { id: number }[];
      err: { type: string; message: string; stack: string };
    };
    expect(line.sessions[0]?.id).toBe(7);
    expect(line.err).toMatchObject({ type: "Error", message: "mail failed" });
    expect(line.err.stack).toContain("mail failed");
    expect(logged.headers.Authorization).toBe("Bearer eyJ.upper");
    expect(logged.err.password).toBe("Mail-pass-1");
  });
});
