import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logging.ts";

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
});
