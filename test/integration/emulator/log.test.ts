// The request log of a long-running emulator: whoever can reach the port without a token
// must not be able to grow it, and what a token holder sends is bounded in bytes.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { getJson, postExam, startForTest, validExam, type Json } from "../../harness/emulator-testkit";

/** Heap in use after a full collection, so what is measured is what the emulator keeps. */
function heapKept(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}

describe("emulator request log", () => {
  it("keeps no body of unauthenticated requests: 300 POSTs of ~1 MB leave the heap where it was", async (t) => {
    const emulator = await startForTest(t);
    // Under the 1 MiB body limit, so each body is read and parsed in full.
    const rawBody = JSON.stringify(validExam({ examId: "flood", examName: "x".repeat(1_000_000) }));
    const before = heapKept();
    const workers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = w; i < 300; i += 4) {
        const reply = await postExam(emulator, undefined, { rawBody, authorization: null });
        assert.equal(reply.status, 401);
      }
    });
    await Promise.all(workers);
    const grown = heapKept() - before;
    t.diagnostic(`heap growth after 300 unauthenticated ~1 MB POSTs: ${(grown / 2 ** 20).toFixed(1)} MiB`);
    // Kept bodies would be ~300 MB; a few MB is the emulator's own bookkeeping and the test's.
    assert.ok(grown < 30 * 2 ** 20, `the heap grew by ${(grown / 2 ** 20).toFixed(0)} MiB`);
    const log = emulator.requests();
    assert.equal(log.length, 300);
    for (const entry of log) {
      assert.deepEqual([entry.status, entry.authorized, entry.body, entry.examId], [401, false, null, "flood"]);
      assert.equal(entry.bodyBytes, Buffer.byteLength(rawBody));
    }
  });

  it("keeps accepted bodies within its byte budget, dropping the oldest and saying how many", async (t) => {
    const emulator = await startForTest(t, { requestLogBytes: 10_000 });
    const exam = (i: number) => validExam({ examId: `exam-${i}`, examName: "n".repeat(500), courseName: "c".repeat(450) });
    for (let i = 1; i <= 20; i++) assert.equal((await postExam(emulator, exam(i))).status, 201);
    const { status, json } = await getJson(`${emulator.url}/__emulator/requests`);
    assert.equal(status, 200);
    const kept = json.requests as Json[];
    assert.ok(kept.length >= 3 && kept.length < 20, `${kept.length} entries kept`);
    assert.equal(json.dropped, 20 - kept.length);
    assert.equal(emulator.requestsDropped(), 20 - kept.length);
    // The newest survive, in order, with their bodies.
    assert.deepEqual(
      kept.map((e) => e.examId),
      Array.from({ length: kept.length }, (_, i) => `exam-${20 - kept.length + i + 1}`),
    );
    assert.deepEqual(kept.at(-1)?.body, exam(20));
    await emulator.reset();
    assert.equal(emulator.requestsDropped(), 0);
  });
});
