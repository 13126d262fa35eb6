import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { liftedCatalogue, type FlatExam } from "../../../../../provider/cli/import/lift";

// Imported exams written as a catalogue: grouped by account and course, shared values written once.

describe("provider/cli/import/lift", () => {
  const exam = (fields: Record<string, unknown>): FlatExam => new Map(Object.entries(fields));

  it("a value all exams share goes to the top, one an account's or course's exams share to that level; section keys one by one", () => {
    const lifted = liftedCatalogue([
      exam({ examId: "a", examName: "A", accountId: "1", accountName: "S", courseName: "P", duration: 60, "rules.allow_to_use_paper": true, schedule: false }),
      exam({ examId: "b", examName: "B", accountId: "1", accountName: "S", courseName: "P", duration: 90, "rules.allow_to_use_paper": true, schedule: false }),
      exam({ examId: "c", examName: "C", accountId: "2", accountName: "T", duration: 60, "rules.allow_to_use_paper": false, schedule: false }),
    ]);
    assert.deepEqual(lifted, {
      schedule: false,
      accounts: [
        {
          accountId: "1",
          accountName: "S",
          rules: { allow_to_use_paper: true },
          courses: [{ courseName: "P", exams: [{ examId: "a", examName: "A", duration: 60 }, { examId: "b", examName: "B", duration: 90 }] }],
        },
        // A group of one exam: only the fields naming the group move up.
        { accountId: "2", accountName: "T", exams: [{ examId: "c", examName: "C", duration: 60, rules: { allow_to_use_paper: false } }] },
      ],
    });
  });

  it("examId, accountId and courseName are never lifted to the top, even when every exam shares them", () => {
    const lifted = liftedCatalogue([
      exam({ examId: "a", accountId: "1", courseName: "P", duration: 60 }),
      exam({ examId: "b", accountId: "1", courseName: "P", duration: 60 }),
    ]);
    assert.deepEqual(lifted, { duration: 60, accounts: [{ accountId: "1", courses: [{ courseName: "P", exams: [{ examId: "a" }, { examId: "b" }] }] }] });
  });
});
