import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it, before, after } from "node:test";
import { loadCatalogue } from "pulumi-proctor";
import { pulumiProctor, type CliRun } from "../../../../harness/cli";

describe("pulumi-proctor import (provider/cli/import/main)", () => {
  // `pulumi-proctor import`, run as a user runs it: the built command in a
  // subprocess, on export files written here.

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

  function csv(rows: readonly (readonly string[])[]): string {
    const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
  }

  const HEADERS = [
    "Exam ID", "Exam Name", "Course", "course_code", "Account ID", "Department", "Start", "End", "Duration (minutes)",
    "proctoring", "Schedule", "trial", "rules.allow_to_use_paper", "rules.custom_rules", "scoreConfig.cheaterLevel", "desktopAppAllowedProcesses",
  ];

  /** 500 exams in 4 accounts and 40 courses, as an LMS would export them, and the exam each row must become. */
  function lmsExport(count: number): { rows: string[][]; exams: Map<string, Record<string, unknown>> } {
    const rows: string[][] = [HEADERS];
    const exams = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < count; i++) {
      const account = i % 4;
      const course = i % 40;
      // Some courses are left out: their exams sit directly under the account.
      const inCourse = course % 10 !== 9;
      const day = String(11 + (course % 5)).padStart(2, "0");
      const offset = account === 3 ? "+01:00" : "Z";
      const examId = i % 50 === 0 ? `00${i}` : `exam-${i}`;
      const examName = i % 97 === 0 ? "yes" : i % 89 === 0 ? "1e3" : `Final test ${i}, part "${i % 3}"`;
      const duration = account === 0 ? 90 : 60 + 30 * (i % 3);
      const exam: Record<string, unknown> = {
        examId,
        examName,
        ...(inCourse && { courseName: `Course ${course}`, courseCode: `0${course}` }),
        accountId: String(100 + account),
        accountName: `Faculty ${account}`,
        startDate: `2027-01-${day}T08:00:00${offset}`,
        endDate: `2027-01-${day}T20:30:00${offset}`,
        duration,
        proctoring: account === 1 ? "online" : "auto",
        schedule: false,
        ...(i % 7 === 0 && { trial: true }),
        rules: { allow_to_use_paper: course % 3 === 0, ...(i % 11 === 0 && { custom_rules: "No notes.\nNo phones." }) },
        ...(account === 2 && { scoreConfig: { cheaterLevel: 70 } }),
        ...(i % 13 === 0 && { desktopAppAllowedProcesses: ["calc.exe", "notepad.exe"] }),
      };
      exams.set(examId, exam);
      rows.push([
        examId,
        examName,
        inCourse ? `Course ${course}` : "",
        inCourse ? `0${course}` : "",
        String(100 + account),
        `Faculty ${account}`,
        // Spreadsheets write dates their way; the import writes RFC 3339.
        i % 2 === 0 ? `2027-01-${day}T08:00:00${offset}` : `2027-01-${day} 08:00 ${offset}`,
        `2027-01-${day}T20:30:00${offset}`,
        String(duration),
        String(exam.proctoring),
        ["no", "FALSE", "0", "false"][i % 4],
        i % 7 === 0 ? ["yes", "TRUE", "1"][i % 3] : "",
        String((exam.rules as { allow_to_use_paper: boolean }).allow_to_use_paper),
        i % 11 === 0 ? "No notes.\nNo phones." : "",
        account === 2 ? "70" : "",
        i % 13 === 0 ? "calc.exe; notepad.exe" : "",
      ]);
    }
    return { rows, exams };
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
