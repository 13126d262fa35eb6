import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogueExam } from "pulumi-proctor";
import { readBackMismatches } from "../../../../../provider/cli/import/read-back";

describe("provider/cli/import/read-back", () => {
  it("the read-back compares every exam's resolved fields with its row: a field set, changed or lost, and an exam missing or extra, are each named", () => {
    const row = (where: string, fields: Record<string, unknown>) => ({ where, fields: new Map(Object.entries(fields)) });
    const rows = [
      row("lms.csv row 2", { examId: "a-1", examName: "A", duration: 60, "rules.allow_to_use_paper": true }),
      row("lms.csv row 3", { examId: "a-2", examName: "B", duration: 90 }),
      row("lms.csv row 4", { examId: "a-3", examName: "C" }),
    ];
    const at = { file: "catalogue.yaml", path: "exams[0]" };
    const resolved = [
      { examId: "a-1", args: { examId: "a-1", examName: "A", duration: 60, rules: { allow_to_use_paper: true, allow_to_use_websites: true } }, source: at },
      { examId: "a-2", args: { examId: "a-2", examName: "B", duration: 120 }, source: at },
      { examId: "a-9", args: { examId: "a-9", examName: "Z" }, source: at },
    ] as unknown as CatalogueExam[];
    assert.deepEqual(readBackMismatches(rows, resolved), [
      'lms.csv row 2 (examId "a-1"): rules.allow_to_use_websites reads back as true, the export has nothing',
      'lms.csv row 3 (examId "a-2"): duration reads back as 120, the export has 90',
      'lms.csv row 4 (examId "a-3"): the catalogue written holds no such exam',
      'examId "a-9": in the catalogue written, in no row of the export',
    ]);
    assert.deepEqual(readBackMismatches(rows.slice(0, 1), [{ ...resolved[0]!, args: { examId: "a-1", examName: "A", duration: 60, rules: { allow_to_use_paper: true } } } as CatalogueExam]), []);
  });
});
