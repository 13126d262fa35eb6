import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it, before, after } from "node:test";
import { loadCatalogue } from "pulumi-proctor";
import { main } from "../../../../../provider/cli/import/main";
import type { CliRun } from "../../../../harness/cli";
import { csv, lmsExport } from "../../../../harness/lms-export";
import { runCommand } from "../../../../harness/cli-io";

describe("provider/cli/import/main", () => {
  // `pulumi-proctor import` in-process, its output caught, on export files written
  // here; the built bin: test/integration/provider/cli/import/main.test.ts.

  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "import-test-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** `pulumi-proctor import ...`: the arguments as a user types them, "import" first. */
  function cli([command, ...args]: string[]): Promise<CliRun> {
    assert.equal(command, "import");
    return runCommand(main, args, dir);
  }

  it("a 500-row CSV export becomes a catalogue that loads as exactly those 500 exams, shared values written once", async () => {
    const { rows, exams } = lmsExport(500);
    await writeFile(path.join(dir, "export.csv"), csv(rows));
    const run = await cli(["import", "export.csv", "--out", "catalogue.yaml"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^wrote catalogue\.yaml: 500 exams in 4 accounts \(\d+ lines\)\n$/);

    const loaded = loadCatalogue({ files: "catalogue.yaml" }, dir);
    assert.equal(loaded.length, 500);
    for (const exam of loaded) assert.deepEqual(exam.args, exams.get(exam.examId), exam.examId);
    assert.deepEqual(new Set(loaded.map((e) => e.examId)), new Set(exams.keys()));

    const text = readFileSync(path.join(dir, "catalogue.yaml"), "utf8");
    assert.match(text, /^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-proctor\/schema\/catalogue\.schema\.json\n/);
    // Shared by all: once at the top. Shared by an account: once per account. By a course: once per course.
    assert.equal(text.match(/^schedule: false$/gm)?.length, 1);
    assert.equal(text.match(/^\s+accountName: Faculty 0$/gm)?.length, 1);
    assert.equal(text.match(/cheaterLevel: 70/g)?.length, 1);
    assert.equal(text.match(/courseCode: "?012"?$/gm)?.length, 1);
    // Once per course (36), and on each of the 50 course-less exams, whose accounts mix both values.
    assert.equal(text.match(/allow_to_use_paper/g)?.length, 36 + 50);
    assert.ok(text.split("\n").length < 500 * 6, `${text.split("\n").length} lines for 500 exams`);
  });

  it("columns map by flag or by a mapping file; an unmapped or mistyped column is a usage error naming the fix", async () => {
    const rows = [
      ["Code", "Title", "Dept", "Dept name", "Opens", "Closes", "Length", "Mode", "Booked", "Notes"],
      ["c-1", "Calculus", "7", "Maths", "2027-02-01T09:00:00Z", "2027-02-01T12:00:00Z", "120", "offline", "yes", "room 12"],
      ["c-2", "Algebra", "7", "Maths", "2027-02-02T09:00:00Z", "2027-02-02T12:00:00Z", "120", "offline", "yes", ""],
    ];
    await writeFile(path.join(dir, "lms.csv"), csv(rows));
    const unmapped = await cli(["import", "lms.csv", "--out", "lms.yaml", "--map", "Code=examId", "--map", "Dept=acountId"]);
    assert.equal(unmapped.code, 2);
    assert.match(unmapped.stderr, /^mapping of column "Dept": "acountId" is no exam field; did you mean "accountId"\?$/m);
    assert.match(unmapped.stderr, /^column "Notes" matches no exam field: give --map "Notes=FIELD", or --map "Notes=" to leave it out$/m);
    assert.ok(!existsSync(path.join(dir, "lms.yaml")));

    await writeFile(path.join(dir, "mapping.json"), JSON.stringify({ Code: "examId", Dept: "accountId", "Dept name": "accountName", Length: "duration", Mode: "proctoring", Booked: "schedule", Notes: null }));
    const mapped = await cli(["import", "lms.csv", "--out", "lms.yaml", "--mapping", "mapping.json", "--map", "Title=examName"]);
    assert.equal(mapped.code, 0, mapped.stderr);
    const loaded = loadCatalogue({ files: "lms.yaml" }, dir);
    assert.deepEqual(loaded.map((e) => [e.examId, e.args.examName, e.args.accountId, e.args.schedule, e.args.duration, e.args.startDate]), [
      ["c-1", "Calculus", "7", true, 120, "2027-02-01T09:00:00Z"],
      ["c-2", "Algebra", "7", true, 120, "2027-02-02T09:00:00Z"],
    ]);
  });

  it("an existing catalogue is kept unless --force; a JSON export with nested sections imports like a CSV", async () => {
    const items = [
      { exam_id: "j-1", exam_name: "One", account_id: 5, account_name: "A", start_date: "2027-03-01T08:00:00Z", end_date: "2027-03-02T08:00:00Z", duration: 60, proctoring: "auto", schedule: false, rules: { allow_to_use_books: true } },
      { exam_id: "j-2", exam_name: "Two", account_id: 5, account_name: "A", start_date: "2027-03-01T08:00:00Z", end_date: "2027-03-02T08:00:00Z", duration: "90", proctoring: "auto", schedule: "no", rules: { allow_to_use_books: true } },
    ];
    await writeFile(path.join(dir, "lms.json"), JSON.stringify(items));
    await writeFile(path.join(dir, "kept.yaml"), "# mine\n");
    const refused = await cli(["import", "lms.json", "--out", "kept.yaml"]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /kept\.yaml exists; it was left as it is \(give --force to replace it\)/);
    assert.equal(readFileSync(path.join(dir, "kept.yaml"), "utf8"), "# mine\n");

    const forced = await cli(["import", "lms.json", "--out", "kept.yaml", "--force"]);
    assert.equal(forced.code, 0, forced.stderr);
    const loaded = loadCatalogue({ files: "kept.yaml" }, dir);
    assert.deepEqual(loaded.map((e) => [e.examId, e.args.accountId, e.args.duration, e.args.schedule, e.args.rules]), [
      ["j-1", 5, 60, false, { allow_to_use_books: true }],
      ["j-2", 5, 90, false, { allow_to_use_books: true }],
    ]);
    assert.match(readFileSync(path.join(dir, "kept.yaml"), "utf8"), /^rules:\n {2}allow_to_use_books: true$/m);
  });

  /** Two exams of one account, no rules: anything in `rules` came from somewhere else. */
  const PLAIN = csv([
    ["Exam ID", "Exam Name", "Account ID", "Department", "Start", "End", "Duration", "Proctoring", "Schedule"],
    ["n-1", "One", "7", "Maths", "2027-02-01T09:00:00Z", "2027-02-01T12:00:00Z", "60", "auto", "no"],
    ["n-2", "Two", "7", "Maths", "2027-02-02T09:00:00Z", "2027-02-02T12:00:00Z", "90", "auto", "no"],
  ]);

  /** Each line of the written catalogue before its first key: the header must be comments only. */
  function headerLines(text: string): string[] {
    const lines = text.split("\n");
    return lines.slice(0, lines.findIndex((line) => !line.startsWith("#")));
  }

  it("an export whose file name holds a line break and YAML: the name is escaped inside its comment and becomes no field", async () => {
    const hostile = "x\nrules: {allow_to_use_websites: true}\n#.csv";
    await writeFile(path.join(dir, hostile), PLAIN);
    const run = await cli(["import", hostile, "--out", "named.yaml"]);
    assert.equal(run.code, 0, run.stderr);
    const text = readFileSync(path.join(dir, "named.yaml"), "utf8");
    assert.equal(headerLines(text).length, 3, text);
    assert.match(text, /^# Imported from "x\\nrules: \{allow_to_use_websites: true\}\\n#\.csv" by `pulumi-proctor import`: 2 exams\.$/m);
    const loaded = loadCatalogue({ files: "named.yaml" }, dir);
    assert.deepEqual(loaded.map((e) => [e.examId, e.args.rules]), [["n-1", undefined], ["n-2", undefined]]);

    // Every other character that YAML 1.1, an editor or a terminal reads as a line break or a control.
    const breaks = "a\rb\u2028c\u2029d\u0085e\u001bf\u202eg.csv";
    await writeFile(path.join(dir, breaks), PLAIN);
    const again = await cli(["import", breaks, "--out", "breaks.yaml"]);
    assert.equal(again.code, 0, again.stderr);
    const escaped = readFileSync(path.join(dir, "breaks.yaml"), "utf8");
    assert.ok(escaped.includes('# Imported from "a\\rb\\u2028c\\u2029d\\u0085e\\u001bf\\u202eg.csv" by'), escaped.split("\n")[1]);
    assert.doesNotMatch(escaped, /[\r\u2028\u2029\u0085\u001b\u202e]/);
  });

  it("an --out path with a line break and YAML in its folder's name puts nothing of it outside a comment", async () => {
    const folder = "out\nrules: {allow_to_use_websites: true}\n#";
    await mkdir(path.join(dir, folder, "node_modules", "pulumi-proctor", "schema"), { recursive: true });
    await writeFile(path.join(dir, folder, "node_modules", "pulumi-proctor", "schema", "catalogue.schema.json"), "{}");
    await writeFile(path.join(dir, "plain.csv"), PLAIN);
    const run = await cli(["import", "plain.csv", "--out", path.join(folder, "catalogue.yaml")]);
    assert.equal(run.code, 0, run.stderr);
    const text = readFileSync(path.join(dir, folder, "catalogue.yaml"), "utf8");
    assert.equal(headerLines(text).length, 3, text);
    assert.deepEqual(loadCatalogue({ files: path.join(folder, "catalogue.yaml") }, dir).map((e) => e.args.rules), [undefined, undefined]);
  });
});
