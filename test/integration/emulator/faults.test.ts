// Fault injection (§6.5): error statuses with Retry-After, a fraction of requests, slow
// answers and dropped connections; faulted requests are logged and never reach the store.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Emulator } from "../../../emulator/server";
import { getJson, postExam, startForTest, validExam, type Json } from "../../harness/emulator-testkit";

async function postFault(emulator: Emulator, spec: unknown): Promise<{ status: number; json: Json }> {
  return getJson(`${emulator.url}/__emulator/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(spec),
  });
}

describe("emulator faults", () => {
  it("answers an injected status with Retry-After for count requests, then recovers", async (t) => {
    const emulator = await startForTest(t);
    const added = await postFault(emulator, { status: 503, count: 3, retryAfter: 1 });
    assert.equal(added.status, 200);
    assert.deepEqual(added.json, { faults: [{ id: 1, fault: { status: 503, retryAfter: 1 }, remaining: 3, fraction: 1 }] });

    for (let i = 0; i < 3; i += 1) {
      const reply = await postExam(emulator, validExam());
      assert.equal(reply.status, 503);
      assert.equal(reply.headers.get("retry-after"), "1");
      assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
      assert.deepEqual(reply.json, { error: "injected fault", details: { status: 503, retryAfter: 1 } });
    }
    assert.equal(emulator.exams().length, 0, "faulted requests must not touch the store");
    assert.equal((await postExam(emulator, validExam())).status, 201, "the first unfaulted write still creates");

    const log = emulator.requests();
    assert.deepEqual(log.map((e) => e.status), [503, 503, 503, 201]);
    const faulted = log[0];
    assert.deepEqual(faulted?.fault, { status: 503, retryAfter: 1 });
    assert.equal(faulted?.examId, "exam-1", "the faulted request's body is still logged");
    assert.equal(faulted?.authorized, null);
    assert.equal(faulted?.revision, null);
    assert.deepEqual(emulator.faults(), [], "a spent fault is removed");
  });

  it("hits about the given fraction of requests and stays until cleared", async (t) => {
    const emulator = await startForTest(t);
    await postFault(emulator, { fraction: 0.3, status: 429, retryAfter: 0 });
    const replies = [];
    for (let batch = 0; batch < 10; batch += 1) {
      replies.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, i) => postExam(emulator, validExam({ examId: `e${batch}-${i}` }))),
        )),
      );
    }
    const limited = replies.filter((r) => r.status === 429);
    // 200 draws at p = 0.3: mean 60, sd ≈ 6.5; these bounds are more than 6 sd away.
    assert.ok(limited.length >= 20 && limited.length <= 110, `429s: ${limited.length}`);
    assert.ok(limited.every((r) => r.headers.get("retry-after") === "0"));
    assert.ok(replies.every((r) => r.status === 429 || r.status === 201));
    assert.equal(emulator.exams().length, 200 - limited.length);
    assert.equal(emulator.faults().length, 1);

    const cleared = await getJson(`${emulator.url}/__emulator/faults`, { method: "DELETE", headers: { "Content-Type": "application/json" } });
    assert.deepEqual(cleared.json, { faults: [] });
    assert.equal((await postExam(emulator, validExam({ examId: "after-clear" }))).status, 201);
  });

  it("delays count requests by latencyMs and then processes them normally", async (t) => {
    const emulator = await startForTest(t);
    await postFault(emulator, { latencyMs: 200, count: 2 });
    const timed = async (): Promise<[number, number]> => {
      const started = performance.now();
      const reply = await postExam(emulator, validExam());
      return [reply.status, performance.now() - started];
    };
    const [firstStatus, firstMs] = await timed();
    const [secondStatus, secondMs] = await timed();
    const [thirdStatus] = await timed();
    assert.deepEqual([firstStatus, secondStatus, thirdStatus], [201, 200, 200]);
    assert.ok(firstMs >= 190 && secondMs >= 190, `delays: ${firstMs}, ${secondMs}`);
    const log = emulator.requests();
    assert.deepEqual(log.map((e) => e.fault), [{ latencyMs: 200 }, { latencyMs: 200 }, null]);
    assert.ok((log[0]?.durationMs ?? 0) >= 190);
    assert.equal(emulator.exam("lms", "exam-1")?.writes, 3);
  });

  it("combines latency with a status", async (t) => {
    const emulator = await startForTest(t);
    emulator.injectFault({ latencyMs: 100, status: 502, count: 1 });
    const started = performance.now();
    const reply = await postExam(emulator, validExam());
    assert.equal(reply.status, 502);
    assert.ok(performance.now() - started >= 90);
    assert.equal(emulator.exams().length, 0);
  });

  it("drops the connection without an answer, logs it, and leaves the store alone", async (t) => {
    const emulator = await startForTest(t);
    await postFault(emulator, { drop: true, count: 1 });
    await assert.rejects(postExam(emulator, validExam()), TypeError);
    assert.equal(emulator.exams().length, 0);
    const [dropped] = emulator.requests();
    assert.equal(dropped?.status, null);
    assert.deepEqual(dropped?.fault, { drop: true });
    assert.equal(dropped?.examId, "exam-1");
    assert.equal((await postExam(emulator, validExam())).status, 201);
  });

  it("applies queued faults in the order they were added", async (t) => {
    const emulator = await startForTest(t);
    emulator.injectFault({ status: 503, count: 1 });
    emulator.injectFault({ status: 429, count: 1, retryAfter: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postExam(emulator, validExam())).status);
    assert.deepEqual(statuses, [503, 429, 201]);
  });

  it("never applies to the test hooks", async (t) => {
    const emulator = await startForTest(t);
    emulator.injectFault({ status: 500 });
    const hook = await getJson(`${emulator.url}/__emulator/exams`);
    assert.equal(hook.status, 200);
    assert.equal((await postExam(emulator, validExam())).status, 500);
    assert.equal(emulator.faults()[0]?.remaining, null, "without count the fault is unlimited");
    emulator.clearFaults();
    assert.equal((await postExam(emulator, validExam())).status, 201);
  });

  it("rejects invalid fault specs with the bad keys named", async (t) => {
    const emulator = await startForTest(t);
    const cases: [unknown, string][] = [
      [{ status: 200 }, "status"],
      [{ status: 503, count: 0 }, "count"],
      [{ status: 503, fraction: 1.5 }, "fraction"],
      [{ status: 503, retryAfter: -1 }, "retryAfter"],
      [{ retryAfter: 1, latencyMs: 10 }, "retryAfter"],
      [{ drop: true, status: 503 }, "drop"],
      [{ drop: false }, "drop"],
      [{ latencyMs: 10_000_000 }, "latencyMs"],
      [{ status: 503, colour: "red" }, "colour"],
      [{}, "body"],
      [[1], "body"],
    ];
    for (const [spec, key] of cases) {
      const reply = await postFault(emulator, spec);
      assert.equal(reply.status, 400, JSON.stringify(spec));
      assert.equal(reply.json.error, "invalid fault");
      assert.ok(key in (reply.json.details as Json), `${JSON.stringify(spec)} → ${JSON.stringify(reply.json.details)}`);
    }
    assert.throws(() => emulator.injectFault({ status: 99 }), /invalid fault/);
    assert.deepEqual(emulator.faults(), []);
  });
});
