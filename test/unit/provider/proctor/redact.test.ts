import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactText, redactValue } from "../../../../provider/proctor/redact";

// What a server sends back, with credentials hidden before it reaches an error or the state.
// The client's use of it against servers that echo them: test/integration/provider/proctor/client-hostile.test.ts.

describe("provider/proctor/redact", () => {
  it("redactText hides every spelling of each secret, and any token", () => {
    // Its base64 has padding and a "+", so base64, unpadded base64 and base64url all differ.
    const secret = 's3"cr3t/+é>>';
    const base64 = Buffer.from(secret).toString("base64");
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl";
    const cases: [string, string][] = [
      [`raw ${secret}.`, "raw [redacted]."],
      [`json ${JSON.stringify({ s: secret })}`, 'json {"s":"[redacted]"}'],
      ["python json s3\\\"cr3t/+\\u00e9>>", "python json [redacted]"],
      [`url ?s=${encodeURIComponent(secret)}&x`, "url ?s=[redacted]&x"],
      [`base64 ${base64} unpadded ${base64.replace(/=+$/, "")}. url ${Buffer.from(secret).toString("base64url")}`, "base64 [redacted] unpadded [redacted]. url [redacted]"],
      [`token ${jwt}`, "token [redacted]"],
      [`Authorization: JWT ${jwt}`, "Authorization: JWT [redacted]"],
      ["Authorization: Bearer opaque-token-123", "Authorization: Bearer [redacted]"],
      ["JWT signature is invalid, Bearer tokens are not accepted", "JWT signature is invalid, Bearer tokens are not accepted"],
    ];
    for (const [text, redacted] of cases) assert.equal(redactText(text, [secret]), redacted, text);
    assert.equal(redactText("abc is short", ["abc", ""]), "abc is short", "secrets under 4 characters are ignored");
  });

  it("redactValue redacts every string in parsed JSON and keeps keys and other values", () => {
    const secret = "hunter2-secret";
    const value = { examId: "e1", note: `got ${secret}`, nested: [{ [secret]: Buffer.from(secret).toString("base64") }, 3, true, null] };
    const redacted = redactValue(value, [secret]);
    assert.deepEqual(redacted, { examId: "e1", note: "got [redacted]", nested: [{ [secret]: "[redacted]" }, 3, true, null] });
    assert.equal(value.note, `got ${secret}`, "the input is left as it was");
  });
});
