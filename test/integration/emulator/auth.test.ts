// Token checks (proctor-api.md §2, §6.2): every way a token is refused answers 401 with a
// JSON body that says why, and the accepted edges (leeway, horizon) really are accepted.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { INTEGRATION, nowSeconds, postExam, SECRET, sign, startForTest, unsignedToken, validExam } from "../../harness/emulator-testkit";

async function expect401(
  t: Parameters<typeof startForTest>[0],
  authorization: string | null,
  error: RegExp,
  options: Parameters<typeof startForTest>[1] = {},
): Promise<Record<string, unknown>> {
  const emulator = await startForTest(t, options);
  const reply = await postExam(emulator, validExam(), { authorization });
  assert.equal(reply.status, 401);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
  assert.match(String(reply.json.error), error);
  assert.equal(typeof reply.json.details, "object");
  assert.ok(!JSON.stringify(reply.json).includes(SECRET), "a 401 body must never echo the secret");
  assert.equal(emulator.exams().length, 0, "a refused request must not touch the store");
  const [logged] = emulator.requests();
  assert.equal(logged?.status, 401);
  assert.equal(logged?.authorized, false);
  return reply.json;
}

describe("emulator auth: refused tokens answer 401", () => {
  it("refuses a request without an Authorization header", async (t) => {
    await expect401(t, null, /missing Authorization header/);
  });

  it("refuses the Bearer scheme, even with a valid token", async (t) => {
    const body = await expect401(t, `Bearer ${await sign()}`, /wrong authorization scheme/);
    assert.deepEqual(body.details, { scheme: "Bearer", expected: "JWT" });
  });

  it("refuses a lower-case scheme word", async (t) => {
    await expect401(t, `jwt ${await sign()}`, /wrong authorization scheme/);
  });

  it("refuses a token that is not a compact JWS", async (t) => {
    await expect401(t, "JWT not-a-token", /malformed token/);
  });

  it("refuses a token whose header is not JSON", async (t) => {
    const garbage = Buffer.from("{nope").toString("base64url");
    await expect401(t, `JWT ${garbage}.${garbage}.${garbage}`, /malformed token/);
  });

  it("refuses a scheme word with no token", async (t) => {
    await expect401(t, "JWT", /malformed token/);
  });

  it("refuses a token signed with another secret", async (t) => {
    await expect401(t, `JWT ${await sign(undefined, { secret: "some-other-secret-0123456789" })}`, /invalid token signature/);
  });

  it("refuses a token signed for another integration", async (t) => {
    const emulator = await startForTest(t, {
      integrations: [
        { name: "alpha", secret: "alpha-secret-0123456789" },
        { name: "beta", secret: "beta-secret-0123456789" },
      ],
    });
    const alphaToken = await sign(undefined, { secret: "alpha-secret-0123456789" });
    const wrong = await postExam(emulator, validExam(), { integration: "beta", authorization: `JWT ${alphaToken}` });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error, "invalid token signature");
    const right = await postExam(emulator, validExam(), { integration: "alpha", authorization: `JWT ${alphaToken}` });
    assert.equal(right.status, 201);
  });

  it("refuses alg none", async (t) => {
    const body = await expect401(t, `JWT ${unsignedToken({ exp: nowSeconds() + 30 })}`, /algorithm not allowed/);
    assert.deepEqual(body.details, { alg: "none", expected: "HS256" });
  });

  it("refuses HS384 even when signed with the right secret", async (t) => {
    const body = await expect401(t, `JWT ${await sign(undefined, { alg: "HS384" })}`, /algorithm not allowed/);
    assert.deepEqual(body.details, { alg: "HS384", expected: "HS256" });
  });

  it("refuses a token without exp", async (t) => {
    await expect401(t, `JWT ${await sign({})}`, /no exp claim/);
  });

  it("refuses a fractional exp", async (t) => {
    await expect401(t, `JWT ${await sign({ exp: nowSeconds() + 30.5 })}`, /exp claim is not an integer/);
  });

  it("refuses a string exp", async (t) => {
    await expect401(t, `JWT ${await sign({ exp: String(nowSeconds() + 30) })}`, /exp claim is not an integer/);
  });

  it("refuses an expired token", async (t) => {
    const body = await expect401(t, `JWT ${await sign({ exp: nowSeconds() - 5 })}`, /token expired/);
    assert.equal((body.details as Record<string, unknown>).leewaySeconds, 0);
  });

  it("refuses a token whose exp is now (exp must lie after the current time)", async (t) => {
    await expect401(t, `JWT ${await sign({ exp: nowSeconds() })}`, /token expired/);
  });

  // +605 rather than +601: the server's clock may have ticked into the next second.
  it("refuses an exp beyond the horizon", async (t) => {
    const body = await expect401(t, `JWT ${await sign({ exp: nowSeconds() + 605 })}`, /too far in the future/);
    assert.equal((body.details as Record<string, unknown>).horizonSeconds, 600);
  });

  it("refuses an exp beyond a configured horizon", async (t) => {
    await expect401(t, `JWT ${await sign({ exp: nowSeconds() + 120 })}`, /too far in the future/, { horizonSeconds: 60 });
  });

  it("refuses an exp past the configured leeway", async (t) => {
    await expect401(t, `JWT ${await sign({ exp: nowSeconds() - 20 })}`, /token expired/, { leewaySeconds: 10 });
  });
});

describe("emulator auth: accepted tokens", () => {
  it("accepts exp = now + 30 (the documented lifetime) and now + 300 (the plugin's)", async (t) => {
    const emulator = await startForTest(t);
    for (const [index, lifetime] of [30, 300].entries()) {
      const token = await sign({ exp: nowSeconds() + lifetime });
      const reply = await postExam(emulator, validExam({ examId: `e${index}` }), { authorization: `JWT ${token}` });
      assert.equal(reply.status, 201, JSON.stringify(reply.json));
    }
  });

  it("accepts an exp just inside the horizon", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam(), { authorization: `JWT ${await sign({ exp: nowSeconds() + 599 })}` });
    assert.equal(reply.status, 201);
  });

  it("accepts a recently expired token within the leeway", async (t) => {
    const emulator = await startForTest(t, { leewaySeconds: 10 });
    const reply = await postExam(emulator, validExam(), { authorization: `JWT ${await sign({ exp: nowSeconds() - 5 })}` });
    assert.equal(reply.status, 201, JSON.stringify(reply.json));
    assert.equal(emulator.requests()[0]?.authorized, true);
  });

  it("accepts a token without typ in its header (some clients omit it)", async (t) => {
    const emulator = await startForTest(t);
    const token = await sign(undefined, { omitTyp: true });
    const reply = await postExam(emulator, validExam(), { authorization: `JWT ${token}` });
    assert.equal(reply.status, 201);
  });

  it("checks the token against the integration in the path", async (t) => {
    const emulator = await startForTest(t);
    const reply = await postExam(emulator, validExam(), { integration: INTEGRATION });
    assert.equal(reply.status, 201);
    assert.equal(emulator.exam(INTEGRATION, "exam-1")?.integration, INTEGRATION);
  });
});
