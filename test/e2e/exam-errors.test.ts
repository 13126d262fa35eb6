import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ExamStack, OUR_STACK_TRACE } from "../harness/exam-stack";
import { validExam } from "../../scripts/lib/exams";
import { endedByClose } from "../harness/closes";

describe("exam errors as a user sees them, end to end", () => {
  // What a user sees when something is wrong, and what must never be seen.

  it("an invalid field fails preview naming the exam and the field; nothing is sent", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    await s.declare([
      { name: "good", args: validExam({ examId: "good" }) },
      { name: "physics-final", args: validExam({ examId: "bad", proctoring: "onlne", endDate: "2018-03-30T12:55:00" }) },
    ]);
    const preview = await s.stack.preview();
    assert.notEqual(preview.code, 0);
    assert.match(preview.output, /Exam resource 'physics-final': property proctoring value \{onlne\} has a problem: must be one of online, offline, auto, identification/);
    assert.match(preview.output, /Exam resource 'physics-final': property endDate .* has no UTC offset/);
    const up = await s.stack.up();
    assert.notEqual(up.code, 0);
    assert.deepEqual(s.emulator.requests().filter((r) => r.examId === "bad"), []);
  });

  it("a wrong secret fails up with the 401 naming the exam and its code, and no stack trace of ours", async (t) => {
    const s = await ExamStack.create({ stackSecret: "this-is-the-wrong-secret" });
    t.after(() => s.cleanup());
    await s.declare([{ name: "physics-final", args: validExam({ examId: "a3875623" }) }]);
    const up = await s.stack.up();
    assert.notEqual(up.code, 0);
    assert.match(up.output, /exam "a3875623": Proctor answered 401 to POST .*invalid token signature.*Check proctor:jwtSecret.* \[PROCTOR_UNAUTHORIZED\]/);
    assert.doesNotMatch(up.output, OUR_STACK_TRACE);
    assert.doesNotMatch(up.output, /this-is-the-wrong-secret/);
    assert.deepEqual(s.emulator.requests().map((r) => r.status), [401, 401]);
    assert.deepEqual(await s.stack.resources("pulumi-nodejs:dynamic/proctor:Exam"), []);
  });

  it("destroy with retain keeps the exam in Proctor and says so; with close ends its window", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    await s.declare([
      { name: "kept", args: validExam({ examId: "kept" }) },
      { name: "closed", args: validExam({ examId: "closed", deletionPolicy: "close", endDate: "2099-12-31T00:00:00Z" }) },
    ]);
    assert.equal((await s.stack.up()).code, 0);
    const before = s.emulator.requests().length;
    const destroy = await s.stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.match(destroy.output, /exam "kept" stays in Constructor Proctor/);
    assert.match(destroy.output, /exam "closed" closed: its window now ends at/);
    const sent = s.emulator.requests().slice(before);
    assert.deepEqual(sent.map((r) => [r.examId, r.status]), [["closed", 200]]);
    const closed = s.emulator.exam("lms", "closed")!;
    assert.ok(endedByClose(closed.exam.endDate), `closed's window ends ${String(closed.exam.endDate)}`);
    assert.equal(s.emulator.exam("lms", "kept")!.exam.endDate, validExam().endDate);
    assert.deepEqual(await s.stack.resources(), []);
  });

  it("the JWT secret appears nowhere: state, backend and home files, stack export, CLI output", async (t) => {
    const s = await ExamStack.create({ secret: "jwt-secret-that-must-not-leak-8c1e" });
    t.after(() => s.cleanup());
    await s.declare([{ name: "physics-final", args: validExam({ examId: "leak-check" }) }]);
    const outputs = [await s.stack.preview(), await s.stack.up(), await s.stack.refresh()];
    const exported = await s.stack.exportState();
    await s.declare([{ name: "physics-final", args: validExam({ examId: "leak-check", examName: "Renamed" }) }]);
    outputs.push(await s.stack.up(), await s.stack.destroy());
    for (const run of outputs) {
      assert.equal(run.code, 0, run.output);
      assert.ok(!run.output.includes(s.secret), "the secret is in the CLI output");
    }
    assert.ok(exported.text.includes("leak-check"), "the export holds no exam");
    assert.ok(!exported.text.includes(s.secret), "the secret is in pulumi stack export");
    // The backend and PULUMI_HOME (plugins, logs) share the stack's scratch folder.
    const scratch = path.dirname(new URL(s.stack.env.PULUMI_BACKEND_URL!).pathname);
    for (const file of await walk(scratch)) {
      assert.ok(!(await readFile(file, "utf8")).includes(s.secret), `the secret is in ${file}`);
    }
    const stackFile = await readFile(path.join(s.stack.projectDir, "Pulumi.test.yaml"), "utf8");
    assert.ok(!stackFile.includes(s.secret), "the secret is in Pulumi.test.yaml in plain text");
  });

  async function walk(dir: string): Promise<string[]> {
    const files: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) files.push(...(await walk(full)));
      else files.push(full);
    }
    return files;
  }
});
