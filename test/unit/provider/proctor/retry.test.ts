import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isRetryableError, isRetryableStatus, parseRetryAfterMs, retryDelayMs } from "../../../../provider/proctor/retry";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5000 };

describe("provider/proctor/retry", () => {
  it("429, 502, 503 and 504 are retried; other statuses are final", () => {
    for (const status of [429, 502, 503, 504]) assert.equal(isRetryableStatus(status), true, String(status));
    for (const status of [400, 401, 403, 404, 405, 409, 415, 500]) assert.equal(isRetryableStatus(status), false, String(status));
  });

  it("lost connections are retried, found through the error's cause chain", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    assert.equal(isRetryableError(new Error("fetch failed", { cause: reset })), true);
    assert.equal(isRetryableError(Object.assign(new Error("closed"), { code: "UND_ERR_SOCKET" })), true);
    assert.equal(isRetryableError(new Error("bad certificate")), false);
    assert.equal(isRetryableError("not an error"), false);
  });

  it("backoff doubles per attempt under full jitter, capped", () => {
    const top = () => 0.999999;
    assert.equal(retryDelayMs(policy, 1, undefined, top), 99);
    assert.equal(retryDelayMs(policy, 2, undefined, top), 199);
    assert.equal(retryDelayMs(policy, 4, undefined, top), 799);
    assert.equal(retryDelayMs(policy, 20, undefined, top), 4999);
    assert.equal(retryDelayMs(policy, 3, undefined, () => 0), 0);
  });

  it("Retry-After is a floor, in seconds or as an HTTP date, within the cap", () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0);
    assert.equal(retryDelayMs(policy, 1, "2", () => 0, now), 2000);
    assert.equal(retryDelayMs(policy, 1, "120", () => 0, now), 5000);
    assert.equal(retryDelayMs(policy, 1, new Date(now + 3000).toUTCString(), () => 0, now), 3000);
    assert.equal(parseRetryAfterMs("soon", now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });
});
