import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { ApiError } from "../../../../provider/errors";
import { upsertExam } from "../../../../provider/proctor/client";
import { defaultTuning, type Tuning } from "../../../../provider/proctor/config";
import type { Connection } from "../../../../provider/proctor/connection";
import { startEmulator, type Emulator } from "../../../../emulator/server";
import { validExam } from "../../../../scripts/lib/exams";

// The client against the emulator: real HTTP on loopback, real tokens, real faults.
const SECRET = "client-test-secret-5d1c";

async function emulatorFor(t: TestContext): Promise<Emulator> {
  const emulator = await startEmulator({ integrations: [{ name: "lms", secret: SECRET }] });
  t.after(() => emulator.close());
  return emulator;
}

function connection(emulator: Emulator, overrides: Partial<Connection> = {}, tuning: Partial<Tuning> = {}): Connection {
  const defaults = defaultTuning();
  return {
    name: "default",
    url: emulator.url,
    integrationName: "lms",
    jwtSecret: SECRET,
    tuning: { ...defaults, retryBaseDelayMs: 10, ...tuning },
    ...overrides,
  };
}

const body = (examId = "exam-1") => {
  const exam = validExam({ examId });
  return { ...exam, accountId: String(exam.accountId) };
};

// Records the waits instead of sleeping, so Retry-After is observable without slowing the suite.
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe("provider/proctor/client against the emulator", () => {
  it("201 creates, 200 updates; the body is sent as given with a fresh JWT each time", async (t) => {
    const emulator = await emulatorFor(t);
    const first = await upsertExam(connection(emulator), "exam-1", body());
    assert.equal(first.status, 201);
    assert.equal(first.created, true);
    assert.equal(first.attempts, 1);
    assert.equal((first.body as { examId: string }).examId, "exam-1");
    const second = await upsertExam(connection(emulator), "exam-1", body());
    assert.equal(second.status, 200);
    assert.equal(second.created, false);
    const log = emulator.requests();
    assert.equal(log.length, 2);
    assert.ok(log.every((r) => r.authorized === true && r.path === "/api/v2/integration/simple/lms/exams/"));
    assert.deepEqual(log[0].body, body());
  });

  it("503 and 429 are retried, and Retry-After sets the wait", async (t) => {
    const emulator = await emulatorFor(t);
    emulator.injectFault({ status: 503, count: 1, retryAfter: 2 });
    emulator.injectFault({ status: 429, count: 1, retryAfter: 1 });
    const { waits, sleep } = recordingSleep();
    const result = await upsertExam(connection(emulator), "exam-1", body(), sleep);
    assert.equal(result.status, 201);
    assert.equal(result.attempts, 3);
    assert.deepEqual(waits, [2000, 1000]);
    assert.deepEqual(emulator.requests().map((r) => r.status), [503, 429, 201]);
  });

  it("a dropped connection is retried and the exam is stored once", async (t) => {
    const emulator = await emulatorFor(t);
    emulator.injectFault({ drop: true, count: 2 });
    const result = await upsertExam(connection(emulator), "exam-1", body());
    assert.equal(result.attempts, 3);
    assert.equal(emulator.exams().length, 1);
  });

  it("retries stop at maxAttempts with the server's last answer in the error", async (t) => {
    const emulator = await emulatorFor(t);
    emulator.injectFault({ status: 502 });
    await assert.rejects(upsertExam(connection(emulator, {}, { maxAttempts: 3 }), "exam-1", body(), recordingSleep().sleep), (error: Error) => {
      assert.ok(error instanceof ApiError);
      assert.match(error.message, /^exam "exam-1": Proctor answered 502 .* \(attempt 3\)/);
      assert.match(error.message, /injected fault/);
      return true;
    });
    assert.equal(emulator.requests().length, 3);
  });

  for (const status of [400, 403, 404, 409, 500]) {
    it(`${status} is final: one request, and the error names the exam, the status and the body`, async (t) => {
      const emulator = await emulatorFor(t);
      emulator.injectFault({ status, count: 1 });
      await assert.rejects(upsertExam(connection(emulator), "exam-7", body("exam-7")), (error: Error) => {
        assert.match(error.message, new RegExp(`^exam "exam-7": Proctor answered ${status} to POST ${emulator.url}`));
        assert.match(error.message, /"error":"injected fault"/);
        return true;
      });
      assert.equal(emulator.requests().length, 1);
    });
  }

  it("a 400 from the server's validation names the field", async (t) => {
    const emulator = await emulatorFor(t);
    await assert.rejects(upsertExam(connection(emulator), "exam-1", { ...body(), duration: "long" }), /answered 400 .*duration/);
  });

  it("a wrong secret: one retry with a fresh token, then a 401 error without the secret or token", async (t) => {
    const emulator = await emulatorFor(t);
    const wrong = connection(emulator, { jwtSecret: "not-the-secret-9999" });
    await assert.rejects(upsertExam(wrong, "exam-1", body()), (error: Error) => {
      assert.match(error.message, /^exam "exam-1": Proctor answered 401/);
      assert.match(error.message, /invalid token signature/);
      assert.match(error.message, /proctor:jwtSecret/);
      assert.doesNotMatch(error.message, /not-the-secret-9999|eyJ/);
      assert.doesNotMatch(error.stack ?? "", /client\.ts|client\.js/);
      return true;
    });
    assert.deepEqual(emulator.requests().map((r) => r.status), [401, 401]);
  });

  it("an unknown integration is a 404 that says to check integrationName", async (t) => {
    const emulator = await emulatorFor(t);
    await assert.rejects(upsertExam(connection(emulator, { integrationName: "nope" }), "exam-1", body()), /answered 404.*proctor:integrationName/);
  });

  it("nobody listening: the error says no answer, after the configured attempts", async () => {
    const emulator = await startEmulator({ integrations: [{ name: "lms", secret: SECRET }] });
    const conn = connection(emulator, {}, { maxAttempts: 2 });
    await emulator.close();
    await assert.rejects(upsertExam(conn, "exam-1", body(), recordingSleep().sleep), /^ApiError: exam "exam-1": no answer from Proctor .* after 2 attempt\(s\).*ECONNREFUSED/);
  });

  it("concurrency per integration is bounded", async (t) => {
    const emulator = await emulatorFor(t);
    emulator.injectFault({ latencyMs: 150 });
    const conn = connection(emulator, {}, { concurrency: 3 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 9 }, (_, i) => upsertExam(conn, `exam-${i}`, body(`exam-${i}`))));
    const elapsed = Date.now() - started;
    // 9 requests of 150 ms, 3 at a time: at least three rounds.
    assert.ok(elapsed >= 440, `9 requests finished in ${elapsed} ms, faster than 3 at a time allows`);
    assert.equal(emulator.exams().length, 9);
  });
});
