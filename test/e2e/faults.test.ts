import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { startEmulator, type RequestLogEntry } from "../../emulator/server";
import { DOCUMENTED_EXAMPLE_BODY } from "../../scripts/lib/exams";
import { ExamStack, OUR_STACK_TRACE, type DeclaredExam } from "../harness/exam-stack";
import { generatedExams } from "../../scripts/lib/generated-exams";
import { descendants, killDescendants } from "../../scripts/lib/processes";
import type { ExportedResource } from "../../scripts/lib/pulumi-stack";

// Faults a real network and a real CI runner produce, with the real CLI against
// the emulator: errors and throttling, lost connections, an outage, a killed
// `pulumi up`. Each test asserts that nothing is lost or stored twice.
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";
// Short backoff keeps the file fast; Retry-After answers are still waited out in full.
const FAST_RETRIES = { PROCTOR_RETRY_BASE_DELAY_MS: "20", PROCTOR_MAX_ATTEMPTS: "8" };

/** The body the API must hold for a generated exam: the documented body with its own id and name. */
function expectedBody(exam: DeclaredExam): Record<string, unknown> {
  return { ...DOCUMENTED_EXAMPLE_BODY, examId: exam.args.examId, examName: exam.args.examName };
}

/** Attempts that failed and so must have been retried: an error answer or no answer at all. */
const failedAttempt = (r: RequestLogEntry): boolean => r.status === null || r.status >= 400;

interface PendingOperation {
  type: string;
  resource: { urn: string };
}

/** Exam resources in state, in a stable order (the engine may reorder them when it saves). */
async function examResources(s: ExamStack): Promise<ExportedResource[]> {
  return (await s.stack.resources(EXAM_TYPE)).sort((a, b) => a.urn.localeCompare(b.urn));
}

async function pendingOperations(s: ExamStack): Promise<PendingOperation[]> {
  const { deployment } = await s.stack.exportState();
  return (deployment.deployment as { pending_operations?: PendingOperation[] }).pending_operations ?? [];
}

describe("network and runner faults, end to end", () => {
  it("200 exams through 503s, 429s with Retry-After, dropped and slow connections: up converges, each exam stored once", async (t) => {
    const s = await ExamStack.create({ env: FAST_RETRIES });
    t.after(() => s.cleanup());
    const exams = generatedExams(200, "flaky");
    await s.declare(exams);
    // Counted, so that no exam can plausibly fail all its attempts; tried in this order on each arrival.
    s.emulator.injectFault({ status: 503, fraction: 0.1, count: 25 });
    s.emulator.injectFault({ status: 429, retryAfter: 1, fraction: 0.1, count: 15 });
    s.emulator.injectFault({ drop: true, fraction: 0.08, count: 10 });
    s.emulator.injectFault({ latencyMs: 2500, fraction: 0.08, count: 8 });

    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);

    const requests = s.emulator.requests();
    const kinds = {
      503: requests.filter((r) => r.fault?.status === 503).length,
      429: requests.filter((r) => r.fault?.status === 429).length,
      dropped: requests.filter((r) => r.fault?.drop).length,
      delayed: requests.filter((r) => r.fault?.latencyMs !== undefined).length,
    };
    for (const [kind, count] of Object.entries(kinds)) assert.ok(count > 0, `no ${kind} fault was injected: ${JSON.stringify(kinds)}`);

    // Every exam once, with the declared body.
    const stored = s.emulator.exams();
    assert.equal(stored.length, 200);
    assert.deepEqual(stored.filter((e) => e.writes !== 1).map((e) => e.examId), [], "an exam was written more than once");
    const accepted = new Map(requests.filter((r) => r.status === 201).map((r) => [r.examId, r.body]));
    for (const exam of exams) assert.deepEqual(accepted.get(String(exam.args.examId)), expectedBody(exam), String(exam.args.examId));
    const resources = await s.stack.resources(EXAM_TYPE);
    assert.deepEqual(resources.map((r) => r.id).sort(), exams.map((e) => String(e.args.examId)).sort());

    // The output tells, exam by exam, how many retries it took; together they are every failed attempt.
    const reported = new Map<string, number>();
    for (const m of up.output.matchAll(/exam "([^"]+)": stored after \d+ attempts \((\d+) retries\)/g)) reported.set(m[1], Number(m[2]));
    const failedBy = new Map<string, number>();
    for (const r of requests.filter(failedAttempt)) failedBy.set(r.examId!, (failedBy.get(r.examId!) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries([...reported].sort()), Object.fromEntries([...failedBy].sort()), "retries reported differ from failed attempts");
    t.diagnostic(`faults: ${JSON.stringify(kinds)}; ${requests.length} requests for 200 exams; retries reported for ${reported.size} exams`);

    // Retry-After: 1 was honoured: the exam's next attempt came at least a second later.
    for (const throttled of requests.filter((r) => r.status === 429)) {
      const next = requests.filter((r) => r.examId === throttled.examId && r.seq > throttled.seq).sort((a, b) => a.seq - b.seq)[0];
      assert.ok(next, `exam ${throttled.examId} was not retried after 429`);
      const waited = Date.parse(next.time) - Date.parse(throttled.time);
      assert.ok(waited >= 990, `exam ${throttled.examId} was retried ${waited} ms after a 429 with Retry-After: 1`);
    }
  });

  it("Proctor down for a whole run: up fails naming the exams, state is kept, and up converges once it is back", async (t) => {
    const s = await ExamStack.create({ env: FAST_RETRIES });
    t.after(() => s.cleanup());
    const first = generatedExams(20, "outage");
    await s.declare(first.slice(0, 10));
    assert.equal((await s.stack.up()).code, 0);
    const before = await examResources(s);

    // While Proctor is down: one exam edited, ten added.
    const edited = first.map((e, i) => (i === 0 ? { ...e, args: { ...e.args, examName: "Final test 0, revised" } } : e));
    await s.declare(edited);
    const { port } = s.emulator;
    await s.emulator.close();

    const failed = await s.stack.up();
    assert.notEqual(failed.code, 0, failed.output);
    const named = [...failed.output.matchAll(/exam "(outage-\d+)": no answer from Proctor at http:\/\/127\.0\.0\.1:(\d+)\S* after 8 attempt\(s\)/g)];
    assert.ok(named.length > 0, `no exam named in the failure:\n${failed.output}`);
    const toSend = new Set(["outage-0", ...edited.slice(10).map((e) => String(e.args.examId))]);
    for (const [, examId, namedPort] of named) {
      assert.ok(toSend.has(examId), `${examId} had nothing to send but is named in the failure`);
      assert.equal(Number(namedPort), port);
    }
    assert.match(failed.output, /running pulumi up again is safe/);
    t.diagnostic(`failure as shown: ${named[0][0]}…`);
    assert.doesNotMatch(failed.output, OUR_STACK_TRACE);

    // Nothing half-written: the ten exams stored before are in state exactly as they were.
    assert.deepEqual(await examResources(s), before);
    assert.deepEqual(await pendingOperations(s), []);

    const back = await startEmulator({ integrations: [{ name: "lms", secret: s.secret }], port });
    t.after(() => back.close());
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    // Exactly what was missing was sent: the edit and the ten new exams, not the nine unchanged ones.
    const sent = back.requests();
    assert.deepEqual(sent.map((r) => r.examId).sort(), [...toSend].sort());
    assert.ok(sent.every((r) => r.status === 201));
    for (const exam of edited.filter((e) => toSend.has(String(e.args.examId)))) {
      assert.deepEqual(sent.find((r) => r.examId === exam.args.examId)?.body, expectedBody(exam));
    }
    assert.equal((await s.stack.resources(EXAM_TYPE)).length, 20);
  });

  it("pulumi up killed with SIGKILL mid-run: cancel, refresh --clear-pending-creates, up: nothing lost or duplicated", async (t) => {
    const s = await ExamStack.create({ env: FAST_RETRIES });
    t.after(() => s.cleanup());
    const exams = generatedExams(48, "killed");
    await s.declare(exams);
    // Slow answers keep several upserts in flight when the kill lands.
    s.emulator.injectFault({ latencyMs: 1500 });

    const running = s.stack.up();
    const answered = () => s.emulator.requests().filter((r) => r.status === 201).length;
    for (let i = 0; i < 1200 && answered() < 12; i++) await sleep(50);
    assert.ok(answered() >= 12, "the run never got going");
    const killed = killDescendants(/^pulumi up\b/);
    assert.equal(killed.length, 1, JSON.stringify(killed));
    assert.notEqual((await running).code, 0);
    // The CLI's plugins (language host, program, dynamic provider) notice and exit by themselves.
    for (let i = 0; i < 100 && descendants().length > 0; i++) await sleep(100);
    assert.deepEqual(descendants().map((p) => p.cmdline), [], "processes of the killed run are still alive");

    s.emulator.clearFaults();
    // Rarely, the kill leaves the checkpoint unreadable (README: Troubleshooting).
    const afterKill = await s.stack.exportAfterKill();
    if (afterKill.restored) t.diagnostic("the killed run left the checkpoint unreadable; restored it from its .bak, as the README says");
    const pending = (afterKill.deployment.deployment as { pending_operations?: PendingOperation[] }).pending_operations ?? [];
    assert.ok(pending.length > 0 && pending.every((op) => op.type === "creating"), JSON.stringify(pending.map((op) => op.type)));

    // What a user sees first: the killed run's lock, and the CLI's own hint.
    const locked = await s.stack.up();
    assert.notEqual(locked.code, 0);
    assert.match(locked.output, /the stack is currently locked by 1 lock\(s\)[\s\S]*pulumi cancel/);

    // The recovery the README documents.
    await s.stack.mustRun(["cancel", "--yes"]);
    await s.stack.mustRun(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    assert.deepEqual(await pendingOperations(s), []);
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    // Upserts that reached Proctor before the kill are adopted, not created twice.
    assert.match(up.output, /already existed in integration "lms": adopted it/);

    // Proctor holds each exam once (it keys them by examId), last written with the declared body.
    assert.deepEqual(s.emulator.exams().map((e) => e.examId).sort(), exams.map((e) => String(e.args.examId)).sort());
    const lastAccepted = new Map(s.emulator.requests().filter((r) => r.status === 200 || r.status === 201).sort((a, b) => a.seq - b.seq).map((r) => [r.examId, r.body]));
    for (const exam of exams) assert.deepEqual(lastAccepted.get(String(exam.args.examId)), expectedBody(exam));
    const resources = await s.stack.resources(EXAM_TYPE);
    assert.deepEqual(resources.map((r) => r.id).sort(), exams.map((e) => String(e.args.examId)).sort());

    const sentBefore = s.emulator.requests().length;
    const preview = await s.stack.preview();
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /49 unchanged/);
    assert.doesNotMatch(preview.output, /pending operations/);
    assert.equal(s.emulator.requests().length, sentBefore);
  });
});
