// Inspection hooks (§6.5): what the emulator stored and received, readable over HTTP and
// in-process, with the request log free of credentials.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getJson, INTEGRATION, postExam, sign, startForTest, validExam, type Json } from "../../harness/emulator-testkit";

describe("emulator inspection hooks", () => {
  it("lists stored exams with their integration", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam({ scoreConfig: { avertEyes: 2 } }));
    const { status, json } = await getJson(`${emulator.url}/__emulator/exams`);
    assert.equal(status, 200);
    const exams = json.exams as Json[];
    assert.equal(exams.length, 1);
    const [view] = exams;
    assert.equal(view?.integration, INTEGRATION);
    assert.equal(view?.examId, "exam-1");
    assert.equal((view?.exam as Json).examName, "Test exam");
    assert.equal((view?.scoreConfig as Json).look_away, 2);
    assert.deepEqual(view?.unknownKeys, []);
    assert.equal(view?.writes, 1);
    assert.equal(typeof view?.revision, "number");
    assert.ok(!Number.isNaN(Date.parse(String(view?.createdAt))));
    assert.deepEqual(exams, emulator.exams());
  });

  it("reads one exam by integration and examId, and 404s an unknown one", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam({ examId: "a/b c" }));
    const found = await getJson(`${emulator.url}/__emulator/exams/${INTEGRATION}/${encodeURIComponent("a/b c")}`);
    assert.equal(found.status, 200);
    assert.equal(found.json.examId, "a/b c");
    const missing = await getJson(`${emulator.url}/__emulator/exams/${INTEGRATION}/nope`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: "exam not found", details: { integration: INTEGRATION, examId: "nope" } });
    assert.equal(emulator.exam(INTEGRATION, "nope"), undefined);
  });

  it("logs every API request, including refused ones, without the Authorization header", async (t) => {
    const emulator = await startForTest(t);
    const token = await sign();
    await postExam(emulator, validExam(), { authorization: `JWT ${token}` });
    await postExam(emulator, validExam(), { authorization: `Bearer ${token}` });
    await postExam(emulator, validExam({ duration: 0 }));
    const { json } = await getJson(`${emulator.url}/__emulator/requests`);
    const log = json.requests as Json[];
    assert.deepEqual(log.map((e) => e.status), [201, 401, 400]);
    assert.deepEqual(log.map((e) => e.authorized), [true, false, true]);
    assert.deepEqual(log.map((e) => e.error), [null, "wrong authorization scheme", "validation failed"]);
    const [created] = log;
    assert.equal(created?.method, "POST");
    assert.equal(created?.path, `/api/v2/integration/simple/${INTEGRATION}/exams/`);
    assert.equal(created?.integration, INTEGRATION);
    assert.equal(created?.examId, "exam-1");
    assert.deepEqual(created?.body, validExam());
    assert.equal(created?.seq, 1);
    assert.ok(!Number.isNaN(Date.parse(String(created?.time))));
    assert.ok(!JSON.stringify(log).includes(token), "the token must never be logged");
    for (const entry of log) assert.ok(!Object.keys(entry).some((key) => /authorization|header/i.test(key)));
  });

  it("does not log hook requests", async (t) => {
    const emulator = await startForTest(t);
    await getJson(`${emulator.url}/__emulator/exams`);
    assert.deepEqual(emulator.requests(), []);
  });

  it("resets exams, the log and faults", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam());
    emulator.injectFault({ status: 503, count: 5 });
    const reset = await getJson(`${emulator.url}/__emulator/reset`, { method: "POST", headers: { "Content-Type": "application/json" } });
    assert.deepEqual(reset, { status: 200, json: { ok: true } });
    assert.deepEqual(emulator.exams(), []);
    assert.deepEqual(emulator.requests(), []);
    assert.deepEqual(emulator.faults(), []);
    assert.equal((await postExam(emulator, validExam())).status, 201, "after reset the exam is new again");
  });

  it("answers 405 with Allow for a wrong method and 404 for an unknown hook", async (t) => {
    const emulator = await startForTest(t);
    const response = await fetch(`${emulator.url}/__emulator/reset`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
    await response.body?.cancel();
    const unknown = await getJson(`${emulator.url}/__emulator/nothing`);
    assert.equal(unknown.status, 404);
  });

  it("returns copies, so tests cannot change the emulator's state by accident", async (t) => {
    const emulator = await startForTest(t);
    await postExam(emulator, validExam());
    const view = emulator.exam(INTEGRATION, "exam-1");
    assert.ok(view);
    view.exam.examName = "tampered";
    assert.equal(emulator.exam(INTEGRATION, "exam-1")?.exam.examName, "Test exam");
  });
});
