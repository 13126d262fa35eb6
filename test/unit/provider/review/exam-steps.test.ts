import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSDOM } from "jsdom";
import { UNKNOWN } from "../../../../provider/exam/schema";
import { encodeExam } from "../../../../provider/group/shape";
import { examSteps } from "../../../../provider/review/exam-steps";
import { renderHtml } from "../../../../provider/review/html";
import { renderMarkdown } from "../../../../provider/review/markdown";
import { exam, GROUP_URN, groupReview, groupSteps, held, perExamSteps, physics3, review, SCENARIOS, sent } from "../../../harness/review-steps";

// The exams a course resource (ExamGroup) holds, each reviewed as if it were an Exam of its own.
describe("provider/review/exam-steps", () => {
  it("one changed exam in a course of three: one block with its fields, one upsert, the other two unchanged", () => {
    const r = groupReview("one changed exam in a course of three");
    const md = renderMarkdown(r);
    assert.match(md, /\*\*0 exams created, 1 updated, 0 replaced, 0 closed, 0 retained, 2 unchanged\.\*\* The merge will send 1 upsert to Proctor\./);
    assert.deepEqual(md.match(/^#### .*$/gm), ["#### ✏️ phy-final Exam phy-final: updated"]);
    assert.match(md, /### Science \(100\) · Physics\n/);
    assert.match(md, /\| duration \| 90 \| 120 \|\n\| rules\.allow\\_to\\_use\\_books \| \(not set\) \| true \|/);
    assert.equal(r.exams.find((e) => e.examId === "phy-final")!.resource, "cat-100-Physics[phy-final]");
    assert.equal(sent(r), 1);
    // The HTML timeline: one bar per exam of the course, the changed one marked.
    const { document } = new JSDOM(renderHtml(r)).window;
    assert.deepEqual([...document.querySelectorAll("rect.bar")].map((b) => `${b.getAttribute("data-exam-id")}:${b.getAttribute("data-kind")}`), [
      "phy-final:updated",
      "phy-quiz:unchanged",
      "phy-lab:unchanged",
    ]);
  });

  it("an exam added to a course is created: one upsert, its fields folded", () => {
    const md = renderMarkdown(groupReview("an exam added to a course"));
    assert.match(md, /\*\*1 exam created, 0 updated, 0 replaced, 0 closed, 0 retained, 3 unchanged\.\*\* The merge will send 1 upsert/);
    assert.match(md, /#### 🆕 phy-resit Exam phy-resit: created\n\n<details><summary>9 fields<\/summary>/);
    assert.match(md, /new phy-resit :active, t1, 2027-02-08 08:00, 2027-02-12 18:00/);
  });

  it("an accountId change inside a course resource replaces the exam and upserts it again; a connection change may close the old one", () => {
    const account = groupReview("an exam whose accountId changed");
    const md = renderMarkdown(account);
    assert.match(md, /#### 🔁 phy-final Exam phy-final: replaced: its accountId changed\n\nExam "phy-final" is upserted again with the new values; nothing is closed\./);
    assert.equal(sent(account), 1);
    const connection = groupReview("an exam whose connection changed");
    assert.match(renderMarkdown(connection), /#### 🔁 phy-quiz Exam phy-quiz: replaced: its connection points to another integration\n\nThe old exam "phy-quiz" is closed/);
    assert.equal(sent(connection), 2);
    assert.match(renderMarkdown(groupReview("an exam whose deletionPolicy alone changed")), /updated \(resource options only, nothing sent\)/);
  });

  it("the same changes as Exams and as course resources give the same review, but for the resources' names", () => {
    for (const [name, { before, after }] of Object.entries(SCENARIOS)) {
      const asExams = review(perExamSteps(before, after));
      const asGroups = review(groupSteps(before, after));
      // `cat-100-Physics[phy-final]` is the Exam `cat-100-Physics-phy-final`.
      // The timeline cuts long labels, sometimes before the "]".
      const renamed = (text: string) => text.replace(/(cat-[\w-]+)\\?\[([\w-]*)(\\?\])?/g, "$1-$2");
      assert.equal(renamed(renderMarkdown(asGroups)), renderMarkdown(asExams), name);
      assert.equal(renamed(renderHtml(asGroups)), renderHtml(asExams), name);
      assert.deepEqual(asGroups.exams.map((e) => [e.examId, e.kind, e.fate, e.upserts]), asExams.exams.map((e) => [e.examId, e.kind, e.fate, e.upserts]), name);
    }
  });

  it("a masked exam string decides no fate: a removed one may close, a changed one may be replaced, an unreadable map is said", () => {
    const group = GROUP_URN("cat-100-Physics");
    const secret = "[secret]";
    const masked = review([
      {
        op: "update",
        urn: group,
        oldState: { inputs: { exams: { a: secret, b: secret, c: secret } } },
        newState: { inputs: { exams: { a: secret, c: secret } } },
        detailedDiff: { 'exams["a"]': { kind: "update" }, 'exams["b"]': { kind: "delete" } },
      },
    ]);
    const [a, b, c] = masked.exams;
    assert.deepEqual([a.kind, b.kind, c.kind], ["replaced", "closed", "unchanged"]);
    const md = renderMarkdown(masked);
    assert.match(md, /#### 🔁 a \(secret\): may be replaced: its arguments are secret, so the review assumes its accountId or connection changed\n\nThe old exam "a" may be closed \(deletionPolicy is secret\)/);
    assert.match(md, /#### ⛔ b \(secret\): may close: deletionPolicy is secret/);
    assert.match(md, /The merge will send 3 upserts/);
    assert.doesNotMatch(md, /\[secret\]/);

    // A course whose exams map is unknown could take over an exam another course lets go: that one may close.
    const unknown = review([
      { op: "update", urn: GROUP_URN("cat-100-Chemistry"), oldState: { inputs: held([exam("chem-final")]) }, newState: { inputs: { exams: UNKNOWN } } },
      ...groupSteps({ "cat-100-Physics": physics3 }, { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz")] }),
    ]);
    const text = renderMarkdown(unknown);
    assert.match(text, /\*\*resource "cat-100-Chemistry"\*\*: its exams are not known until the update runs: the review cannot list them/);
    assert.match(text, /#### ⛔ phy-lab Exam phy-lab: may close: whether another resource takes this exam over is not visible/);
  });

  describe("the exam steps of one group step", () => {
    const urn = GROUP_URN("cat-100-Physics");
    const ops = (steps: Parameters<typeof examSteps>[0]) => examSteps(steps).steps.map((s) => `${s.resource}:${s.op}`);

    it("an unchanged group lists its exams as unchanged; the second half of a replacement adds none", () => {
      const inputs = held(physics3);
      assert.deepEqual(ops([{ op: "same", urn, oldState: { inputs }, newState: { inputs } }]), [
        "cat-100-Physics[phy-final]:same",
        "cat-100-Physics[phy-quiz]:same",
        "cat-100-Physics[phy-lab]:same",
      ]);
      assert.deepEqual(ops([{ op: "delete-replaced", urn, oldState: { inputs } }]), []);
    });

    it("an exam's before is what the group's outputs say Proctor was last sent, not the inputs", () => {
      // After a partial failure: the inputs already hold the new duration, the outputs the one Proctor has.
      const lastSent = held([exam("phy-final")]);
      const wanted = held([exam("phy-final", { duration: 120 })]);
      const [step] = examSteps([{ op: "update", urn, oldState: { inputs: wanted, outputs: lastSent }, newState: { inputs: wanted } }]).steps;
      assert.equal(step.op, "update");
      assert.deepEqual([step.before.duration, step.after.duration], [90, 120]);
    });

    it("two masked strings are the same exam unless the engine's diff names it; a named one may be replaced, and says why", () => {
      const masked = { exams: { a: "[secret]", b: "[secret]" } };
      const { steps } = examSteps([{ op: "update", urn, oldState: { inputs: masked }, newState: { inputs: masked }, detailedDiff: { 'exams["b"].duration': { kind: "update" } } }]);
      assert.deepEqual(steps.map((s) => [s.examId, s.op, s.unseen]), [
        ["a", "same", []],
        ["b", "replace", ["its arguments are secret"]],
      ]);
      assert.deepEqual(steps[1].fields, [{ path: "(all arguments)", before: "(secret)", after: "(secret)" }]);
    });

    it("a masked string beside a readable one may be replaced; its deletionPolicy and connection are hidden as well", () => {
      const { steps } = examSteps([
        { op: "update", urn, oldState: { inputs: { exams: { a: encodeExam(exam("a")) } } }, newState: { inputs: { exams: { a: UNKNOWN } } } },
      ]);
      assert.equal(steps[0].op, "replace");
      assert.deepEqual(steps[0].unseen, ["its arguments are not known until the update runs"]);
      assert.deepEqual([steps[0].after.deletionPolicy, steps[0].after.connection], [UNKNOWN, UNKNOWN]);
    });

    it("a group whose exams map cannot be read is named once, however many steps it has", () => {
      const hidden = { inputs: { exams: "[secret]" } };
      const { steps, unreadable } = examSteps([
        { op: "update", urn, oldState: hidden, newState: hidden },
        { op: "update", urn, oldState: hidden, newState: hidden },
      ]);
      assert.deepEqual(steps, []);
      assert.deepEqual(unreadable, [{ resource: "cat-100-Physics", why: "its exams are secret" }]);
    });
  });
});
