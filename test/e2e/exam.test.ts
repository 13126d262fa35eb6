import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ExamStack, type DeclaredExam } from "../harness/exam-stack";
import { DOCUMENTED_EXAMPLE_ARGS, DOCUMENTED_EXAMPLE_BODY, validExam } from "../../scripts/lib/exams";

// The Exam lifecycle with the real pulumi CLI against the emulator, asserting on
// what the emulator received. The steps build on each other, as a user's edits do.
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";
let s: ExamStack;

const three = (changes: Record<string, Record<string, unknown>> = {}): DeclaredExam[] =>
  ["alpha", "beta", "gamma"].map((id) => ({ name: `exam-${id}`, args: validExam({ examId: id, examName: `Exam ${id}`, ...changes[id] }) }));

describe("the Exam lifecycle, end to end", () => {
  before(async () => {
    s = await ExamStack.create();
  });
  after(() => s.cleanup());

  it("up of 3 exams sends 3 creates", async () => {
    await s.declare(three());
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    const requests = s.emulator.requests();
    assert.equal(requests.length, 3);
    assert.deepEqual(requests.map((r) => r.status), [201, 201, 201]);
    assert.deepEqual(s.emulator.exams().map((e) => e.examId).sort(), ["alpha", "beta", "gamma"]);
    const resources = await s.stack.resources(EXAM_TYPE);
    assert.deepEqual(resources.map((r) => r.id).sort(), ["alpha", "beta", "gamma"]);
  });

  it("a second up with nothing changed sends nothing", async () => {
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /4 unchanged/);
    assert.equal(s.emulator.requests().length, 3);
  });

  const betaEdit = { duration: 90, rules: { ...DOCUMENTED_EXAMPLE_ARGS.rules, allow_to_use_books: true } };

  it("changing one field: preview shows that field, up sends one update", async () => {
    await s.declare(three({ beta: betaEdit }));
    const preview = await s.stack.preview();
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /~ pulumi-nodejs:dynamic\/proctor:Exam: \(update\)[\s\S]*exam-beta/);
    assert.match(preview.output, /~ duration\s*: 120 => 90/);
    assert.match(preview.output, /~ allow_to_use_books\s*: false => true/);
    assert.match(preview.output, /1 to update/);
    assert.equal(s.emulator.requests().length, 3, "preview sent a request");

    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    const requests = s.emulator.requests();
    assert.equal(requests.length, 4);
    assert.equal(requests[3].status, 200);
    assert.equal(requests[3].examId, "beta");
    assert.equal((requests[3].body as { duration: number }).duration, 90);
  });

  it("changing examId replaces the exam", async () => {
    await s.declare(three({ beta: betaEdit, gamma: { examId: "gamma-2" } }));
    const before = s.emulator.requests().length;
    const preview = await s.stack.preview();
    assert.match(preview.output, /\+-\s*pulumi-nodejs:dynamic\/proctor:Exam: \(replace\)[\s\S]*examId\s*: "gamma" => "gamma-2"/);
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /1 replaced/);
    assert.match(up.output, /exam "gamma" stays in Constructor Proctor/);
    const sent = s.emulator.requests().slice(before);
    assert.deepEqual(sent.map((r) => [r.examId, r.status]), [["gamma-2", 201]]);
    assert.deepEqual((await s.stack.resources(EXAM_TYPE)).map((r) => r.id).sort(), ["alpha", "beta", "gamma-2"]);
  });

  it("refresh reports no change and sends nothing", async () => {
    await s.declare(three({ beta: betaEdit, gamma: { examId: "gamma-2" } }));
    const before = s.emulator.requests().length;
    const refresh = await s.stack.refresh();
    assert.equal(refresh.code, 0, refresh.output);
    assert.doesNotMatch(refresh.output, /updated|deleted/);
    assert.equal(s.emulator.requests().length, before);
    const up = await s.stack.up();
    assert.match(up.output, /4 unchanged/);
  });

  it("the documented example, given as arguments, is sent as the documented body", async () => {
    await s.declare([{ name: "physics-final", args: DOCUMENTED_EXAMPLE_ARGS }]);
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    const sent = s.emulator.requests().find((r) => r.examId === "a3875623");
    assert.ok(sent, "the documented example was not sent");
    assert.equal(JSON.stringify(sent.body), JSON.stringify(DOCUMENTED_EXAMPLE_BODY));
    assert.equal(sent.status, 201);
  });

  it("a removed field: a documented default is sent; without one, preview warns the server keeps it", async () => {
    const { courseName: _dropped, ...withoutCourse } = DOCUMENTED_EXAMPLE_ARGS;
    const { allow_to_use_paper: _paper, ...rules } = DOCUMENTED_EXAMPLE_ARGS.rules;
    await s.declare([{ name: "physics-final", args: { ...withoutCourse, rules: { ...rules } } }]);
    const preview = await s.stack.preview();
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /exam "a3875623": courseName was removed from the program, but Proctor documents no default for it/);
    const before = s.emulator.requests().length;
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    const sent = s.emulator.requests().slice(before);
    assert.equal(sent.length, 1);
    const body = sent[0].body as { courseName?: string; rules: Record<string, unknown> };
    assert.equal(body.courseName, undefined);
    assert.equal(body.rules.allow_to_use_paper, true);
  });

  it("ignoreChanges is honoured: an ignored edit sends nothing", async () => {
    await s.declare([{ name: "physics-final", args: DOCUMENTED_EXAMPLE_ARGS }]);
    assert.equal((await s.stack.up()).code, 0);
    const args = { ...DOCUMENTED_EXAMPLE_ARGS, examName: "Renamed in the LMS" };
    await s.declare([{ name: "physics-final", args, opts: { ignoreChanges: ["examName"] } }]);
    const before = s.emulator.requests().length;
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    assert.equal(s.emulator.requests().length, before);
    assert.match(up.output, /2 unchanged/);
  });
});
