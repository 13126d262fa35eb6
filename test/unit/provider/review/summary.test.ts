import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { byRisk, grouped, headline, reviewed, sendsLine, windowChanges } from "../../../../provider/review/summary";
import { examChange, reviewOfExams } from "../../../harness/review-fixtures";

const violation = (level: string) => ({ level, policy: "exam-window-fits-duration", resource: "x", lines: ["too short"] });

describe("provider/review/summary", () => {
  it("the headline names every category, zeros included, 'exam' in the singular for one, and moves only when there are some", () => {
    const one = reviewOfExams([examChange({ kind: "created", examId: "a" }), examChange({ examId: "b" })]);
    assert.equal(headline(one), "1 exam created, 0 updated, 0 replaced, 0 closed, 0 retained, 1 unchanged");
    const moved = reviewOfExams([examChange({ kind: "created", examId: "a" }), examChange({ kind: "created", examId: "b" }), examChange({ kind: "moved", examId: "b" })]);
    assert.equal(headline(moved), "2 exams created, 0 updated, 0 replaced, 0 closed, 0 retained, 0 unchanged, 1 moved to another resource");
  });

  it("without --show-sames the headline does not count unchanged exams, and says how to", () => {
    const review = reviewOfExams([examChange({ kind: "updated" })], { samesListed: false });
    assert.equal(headline(review), "0 exams created, 1 updated, 0 replaced, 0 closed, 0 retained, unchanged not counted (run pulumi preview with --show-sames)");
  });

  it("the line on what the merge sends: nothing, one upsert or many; a failed preview sends nothing; mandatory violations refuse it", () => {
    assert.equal(sendsLine(reviewOfExams([examChange()])), "The merge will send nothing to Proctor.");
    assert.equal(sendsLine(reviewOfExams([examChange({ kind: "created", upserts: 1 })])), "The merge will send 1 upsert to Proctor.");
    const two = [examChange({ kind: "replaced", upserts: 2 })];
    assert.equal(sendsLine(reviewOfExams(two)), "The merge will send 2 upserts to Proctor.");
    assert.equal(sendsLine(reviewOfExams(two, { policy: [violation("advisory")] })), "The merge will send 2 upserts to Proctor.", "an advisory violation refuses nothing");
    assert.equal(
      sendsLine(reviewOfExams(two, { policy: [violation("mandatory")] })),
      "The policy pack refuses this change (1 mandatory violation): once it is fixed, the merge would send 2 upserts to Proctor.",
    );
    assert.match(sendsLine(reviewOfExams(two, { policy: [violation("mandatory"), violation("mandatory")] })), /\(2 mandatory violations\): once they are fixed/);
    const failing = "The preview failed: nothing can be sent until the errors below are fixed.";
    assert.equal(sendsLine(reviewOfExams(two, { errors: [{ message: "boom" }] })), failing);
    assert.equal(sendsLine(reviewOfExams([examChange({ kind: "updated", upserts: 1, errors: [{ examId: "x", message: "boom" }] })])), failing);
  });

  it("riskiest first: an exam with errors, then closes, replacements, updates, moves, retains, creates, unchanged", () => {
    const kinds = ["unchanged", "created", "retained", "moved", "updated", "replaced", "closed"] as const;
    const exams = kinds.map((kind) => examChange({ kind, examId: kind }));
    const failing = examChange({ kind: "created", examId: "failing", errors: [{ message: "boom" }] });
    assert.deepEqual(byRisk([...exams, failing]).map((e) => e.examId), ["failing", "closed", "replaced", "updated", "moved", "retained", "created", "unchanged"]);
  });

  it("grouped by account, then course, in order of first appearance; riskiest first within a course", () => {
    const groups = grouped([
      examChange({ examId: "p1", account: "Science", course: "Physics", kind: "created" }),
      examChange({ examId: "h1", account: "Arts", course: "History" }),
      examChange({ examId: "c1", account: "Science", course: "Chemistry" }),
      examChange({ examId: "p2", account: "Science", course: "Physics", kind: "closed" }),
    ]);
    assert.deepEqual(
      groups.map(({ account, courses }) => [account, courses.map(({ course, exams }) => [course, exams.map((e) => e.examId)])]),
      [
        ["Science", [["Physics", ["p2", "p1"]], ["Chemistry", ["c1"]]]],
        ["Arts", [["History", ["h1"]]]],
      ],
    );
  });

  it("the exams a reviewer reads: every changed one, and unchanged ones only with a warning or an error", () => {
    const exams = [
      examChange({ examId: "quiet" }),
      examChange({ examId: "warned", warnings: [{ message: "courseCode was removed" }] }),
      examChange({ examId: "failing", errors: [{ message: "boom" }] }),
      examChange({ examId: "new", kind: "created" }),
    ];
    assert.deepEqual(reviewed(reviewOfExams(exams)).map((e) => e.examId), ["warned", "failing", "new"]);
  });

  it("a window changes for a new or leaving exam, and for an edit only when startDate or endDate is among its fields", () => {
    const field = (path: string) => ({ path, before: "1", after: "2" });
    assert.equal(windowChanges(examChange()), false);
    assert.equal(windowChanges(examChange({ kind: "created" })), true);
    assert.equal(windowChanges(examChange({ kind: "closed" })), true);
    assert.equal(windowChanges(examChange({ kind: "updated", fields: [field("examName")] })), false);
    assert.equal(windowChanges(examChange({ kind: "updated", fields: [field("endDate")] })), true);
    assert.equal(windowChanges(examChange({ kind: "replaced", fields: [field("accountId")] })), false);
    assert.equal(windowChanges(examChange({ kind: "replaced", fields: [field("startDate")] })), true);
  });
});
