import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { signToken } from "../../../../provider/proctor/token";

const secret = "token-test-secret";

describe("provider/proctor/token", () => {
  it("the token is HS256 with typ JWT, verifiable with the integration's secret", async () => {
    const token = await signToken(secret, 30);
    assert.deepEqual(decodeProtectedHeader(token), { alg: "HS256", typ: "JWT" });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ["HS256"] });
    assert.deepEqual(Object.keys(payload), ["exp"]);
  });

  it("exp is now + lifetime, in whole seconds", async () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0, 750);
    for (const lifetime of [30, 300]) {
      const token = await signToken(secret, lifetime, now);
      const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as { exp: number };
      assert.equal(payload.exp, Math.floor(now / 1000) + lifetime);
      assert.ok(Number.isInteger(payload.exp));
    }
  });

  it("a token signed with another secret does not verify", async () => {
    const token = await signToken("another-secret", 30);
    await assert.rejects(jwtVerify(token, new TextEncoder().encode(secret)));
  });

  it("every call signs a new token", async () => {
    const a = await signToken(secret, 30, Date.UTC(2026, 0, 1, 0, 0, 0));
    const b = await signToken(secret, 30, Date.UTC(2026, 0, 1, 0, 0, 1));
    assert.notEqual(a, b);
  });
});
