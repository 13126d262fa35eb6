import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { describe, it } from "node:test";
import { loadCatalogue, type CatalogueExam } from "pulumi-proctor";
import { instantOf } from "../../../../provider/exam/dates";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { pulumiProctor, type CliRun } from "../../../harness/cli";
import { tempFolder } from "../../../harness/temp-folder";

describe("pulumi-proctor rollover (provider/cli/rollover)", () => {
  // `pulumi-proctor rollover` as a user runs it (the built bin, real files), its
  // output read back with loadCatalogue. The rest of its tests run it in-process:
  // test/unit/provider/cli/rollover.test.ts.

  const EXAMPLE = path.join(REPO_ROOT, "examples", "catalogue", "catalogue.yaml");
  const DAY = 86_400_000;

  const folder = tempFolder("rollover-test-");

  function rollover(...args: string[]): Promise<CliRun> {
    return pulumiProctor(["rollover", ...args], folder.dir);
  }

  /** The source, written into this describe's folder (its one test's). */
  async function fresh(name: string, text: string): Promise<string> {
    await writeFile(path.join(folder.dir, name), text);
    return name;
  }

  function load(file: string): CatalogueExam[] {
    return loadCatalogue({ files: file }, folder.dir);
  }

  /** The UTC offset as written at the end of a date-time. */
  function offsetOf(date: unknown): string {
    return /(Z|[+-]\d{2}:?\d{2})$/.exec(String(date))![1];
  }

  it("rollover of the example catalogue: no examId shared with the source, every window shifted exactly N days in its own offset", async () => {
    await fresh("catalogue.yaml", await readFile(EXAMPLE, "utf8"));
    const run = await rollover("catalogue.yaml", "--to-term", "2027-autumn", "--shift-days", "238");
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /wrote catalogue-2027-autumn\.yaml: 6 exams for term 2027-autumn \(from 2027-winter\), windows moved \+238 days/);

    const before = load("catalogue.yaml");
    const after = load("catalogue-2027-autumn.yaml");
    assert.equal(after.length, before.length);
    const old = new Set(before.map((e) => e.examId));
    assert.deepEqual(after.filter((e) => old.has(e.examId)), []);
    assert.deepEqual(after.map((e) => e.examId), before.map((e) => `${e.examId}-2027-autumn`));
    const offsets = new Set<string>();
    before.forEach((exam, i) => {
      for (const field of ["startDate", "endDate"] as const) {
        assert.equal(instantOf(after[i].args[field])! - instantOf(exam.args[field])!, 238 * DAY, `${exam.examId} ${field}`);
        assert.equal(offsetOf(after[i].args[field]), offsetOf(exam.args[field]));
        offsets.add(offsetOf(exam.args[field]));
      }
      // Everything else resolves as it did: presets, defaults and overrides kept.
      const { examId: _a, startDate: _b, endDate: _c, ...rest } = exam.args;
      const { examId: _d, startDate: _e, endDate: _f, ...now } = after[i].args;
      assert.deepEqual(now, rest);
    });
    assert.deepEqual([...offsets].sort(), ["+01:00", "Z"]);

    const text = await readFile(path.join(folder.dir, "catalogue-2027-autumn.yaml"), "utf8");
    assert.match(text, /^term: 2027-autumn/m);
    assert.match(text, /# Quizzes and practice runs: the AI reviews/, "a comment was lost");
    assert.match(text, /preset: high-stakes/, "the structure was flattened");
    assert.equal((await readFile(path.join(folder.dir, "catalogue.yaml"), "utf8")), await readFile(EXAMPLE, "utf8"), "the source changed");
  });
});
