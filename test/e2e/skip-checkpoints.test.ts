import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { DOCUMENTED_EXAMPLE_BODY } from "../../scripts/lib/exams";
import { generatedExams } from "../../scripts/lib/generated-exams";
import { assertNoProcessesLeft } from "../../scripts/lib/processes";
import { ExamStack, type DeclaredExam } from "../harness/exam-stack";

// A first deployment of a large catalogue with PULUMI_SKIP_CHECKPOINTS=true (README:
// "Large first deployments"): the engine keeps the state in memory and saves it once at
// the end, so a hard kill loses that run's record of what it created. The recovery the
// README promises: `pulumi cancel` (the killed run's lock), then `up` again, which
// re-sends every upsert; Proctor keys exams by examId, so an exam that did arrive is
// adopted (200), not created twice.
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";
const SKIP = { PULUMI_SKIP_CHECKPOINTS: "true" };
const COUNT = 120;
// A window in the future: a close would end it now, which the check below would see.
const START = "2031-01-13T08:00:00Z";
const END = "2031-01-24T18:00:00Z";

describe("PULUMI_SKIP_CHECKPOINTS and a killed first deployment, end to end", () => {
  it("up with PULUMI_SKIP_CHECKPOINTS killed (process group, SIGKILL) mid-create: cancel, up again: each exam once, none closed, then nothing to send", async (t) => {
    const s = await ExamStack.create({ env: { PROCTOR_RETRY_BASE_DELAY_MS: "20" } });
    t.after(() => s.cleanup());
    const exams = generatedExams(COUNT, "linear").map((e): DeclaredExam => ({ ...e, args: { ...e.args, startDate: START, endDate: END } }));
    const ids = exams.map((e) => String(e.args.examId)).sort();
    const bodyOf = (id: string) => ({ ...DOCUMENTED_EXAMPLE_BODY, ...exams.find((e) => e.args.examId === id)!.args, accountId: "123" });
    await s.declare(exams);
    // Slow answers stretch the creates over seconds, so the kill lands among them.
    s.emulator.injectFault({ latencyMs: 300 });

    const run = s.stack.startUp(SKIP);
    const answered = () => s.emulator.requests().filter((r) => r.status === 201).length;
    for (let i = 0; i < 1200 && answered() < 16; i++) await sleep(25);
    assert.ok(answered() >= 16, "the run never got going");
    // As a CI runner cancels a job: the whole process group at once.
    process.kill(-run.pid, "SIGKILL");
    assert.notEqual((await run.result).code, 0);
    assert.ok(answered() < COUNT, `the run had finished (${answered()} creates) before the kill`);
    // The language host and the dynamic provider lead process groups of their own (the CLI
    // starts its plugins so): they must notice their CLI is gone and exit, with the program.
    await assertNoProcessesLeft(`PULUMI_HOME=${s.stack.env.PULUMI_HOME}`);

    // Upserts that were in flight finish on the server; wait until the log stops growing.
    s.emulator.clearFaults();
    for (let seen = -1; seen !== s.emulator.requests().length; ) {
      seen = s.emulator.requests().length;
      await sleep(1000);
    }
    const arrived = s.emulator.exams().length;
    assert.ok(arrived > 0 && arrived < COUNT, `${arrived} exams in Proctor after the kill`);
    // Nothing was saved: the state is the one from before the update, without a record of any create.
    assert.deepEqual(await s.stack.resources(EXAM_TYPE), []);

    // What a user sees first: the killed run's lock, and the CLI's hint.
    const locked = await s.stack.up(SKIP);
    assert.notEqual(locked.code, 0);
    assert.match(locked.output, /the stack is currently locked by 1 lock\(s\)[\s\S]*pulumi cancel/);
    await s.stack.mustRun(["cancel", "--yes"]);

    const sentBefore = s.emulator.requests().length;
    const again = await s.stack.up(SKIP);
    assert.equal(again.code, 0, again.output);
    // One upsert per exam: the ones that had arrived are adopted (200), the rest created (201).
    const resent = s.emulator.requests().slice(sentBefore);
    assert.deepEqual(resent.map((r) => r.examId).sort(), ids);
    assert.equal(resent.filter((r) => r.status === 200).length, arrived);
    assert.equal(resent.filter((r) => r.status === 201).length, COUNT - arrived);
    // The CLI prints each warning twice (as it happens, and in the summary): compared as sets.
    const adopted = new Set([...again.output.matchAll(/exam "([^"]+)" already existed in integration "lms": adopted it/g)].map((m) => m[1]));
    assert.deepEqual([...adopted].sort(), resent.filter((r) => r.status === 200).map((r) => r.examId).sort());
    for (const r of resent) assert.deepEqual(r.body, bodyOf(r.examId!), `the body sent for ${r.examId}`);

    // Proctor holds each exam once, with the declared fields and its declared window: none closed.
    assert.deepEqual(s.emulator.exams().map((e) => e.examId).sort(), ids);
    for (const id of ids) {
      const stored = s.emulator.exam("lms", id)!.exam;
      // Every declared field as declared (the emulator adds the defaults of fields not sent).
      for (const [key, value] of Object.entries(bodyOf(id))) {
        if (typeof value !== "object" || value === null) assert.equal(stored[key], value, `${id}.${key}`);
        else for (const [inner, v] of Object.entries(value)) assert.equal((stored[key] as Record<string, unknown>)[inner], v, `${id}.${key}.${inner}`);
      }
      assert.equal(stored.endDate, END, `${id} ends ${String(stored.endDate)}`);
    }
    // Every accepted upsert, before and after the kill, sent the declared window: no close was ever sent.
    assert.ok(s.emulator.requests().every((r) => r.status !== 200 && r.status !== 201 ? true : (r.body as { endDate: string }).endDate === END));

    // The state holds every exam, nothing pending; a third run has nothing to send.
    const { deployment } = await s.stack.exportState();
    assert.deepEqual((deployment.deployment.resources ?? []).filter((r) => r.type === EXAM_TYPE).map((r) => r.id).sort(), ids);
    assert.equal((deployment.deployment as { pending_operations?: unknown[] }).pending_operations?.length ?? 0, 0);
    const sentAfter = s.emulator.requests().length;
    const third = await s.stack.up(SKIP);
    assert.equal(third.code, 0, third.output);
    assert.match(third.output, new RegExp(`${COUNT + 1} unchanged`));
    assert.equal(s.emulator.requests().length, sentAfter, "the third up sent requests");
  });
});
