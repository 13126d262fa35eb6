import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it, before, after } from "node:test";
import { csv, lmsExport } from "../../../../harness/lms-export";
import { pulumiProctor, type CliRun } from "../../../../harness/cli";

describe("pulumi-proctor import (provider/cli/import/main)", () => {
  // `pulumi-proctor import`, run as a user runs it: the built command in a
  // subprocess, on export files written here. The rest of its tests run it
  // in-process: test/unit/provider/cli/import/main.test.ts.

  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "import-test-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function cli(args: string[]): Promise<CliRun> {
    return pulumiProctor(args, dir);
  }

  it("bad rows: every problem is reported at once with its row, column and field, and nothing is written", async () => {
    const { rows } = lmsExport(6);
    rows[2][6] = "2027-13-11T08:00:00Z"; // row 3: Start
    rows[3][1] = ""; // row 4: Exam Name, required
    rows[3][8] = "ninety"; // row 4: Duration
    rows[5][0] = rows[1][0]; // row 6: the examId of row 2
    rows[6][10] = "maybe"; // row 7: Schedule
    rows[6][12] = "sometimes"; // row 7: rules.allow_to_use_paper
    await writeFile(path.join(dir, "bad.csv"), csv(rows));
    const run = await cli(["import", "bad.csv", "--out", "bad.yaml"]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stderr.trim().split("\n"), [
      'bad.csv row 3 (examId "exam-1"), column "Start" (startDate): has month 13, outside 1–12 (got "2027-13-11T08:00:00Z")',
      'bad.csv row 4 (examId "exam-2"), column "Exam Name" (examName): is required',
      'bad.csv row 4 (examId "exam-2"), column "Duration (minutes)" (duration): must be a number (got "ninety")',
      'bad.csv row 6 (examId "000"), column "Exam ID" (examId): "000" is also the examId of row 2',
      'bad.csv row 7 (examId "exam-5"), column "Schedule" (schedule): must be true or false (got "maybe")',
      'bad.csv row 7 (examId "exam-5"), column "rules.allow_to_use_paper" (rules.allow_to_use_paper): must be true or false (got "sometimes")',
      "6 problems; bad.yaml was not written",
    ]);
    assert.deepEqual((await readdir(dir)).filter((f) => f.includes("bad") && f !== "bad.csv"), [], "no catalogue and no temporary file");
  });
});
