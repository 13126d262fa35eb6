import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it, before, after } from "node:test";
import { loadCatalogue, type CatalogueExam } from "pulumi-proctor";
import { instantOf } from "../../../../provider/exam/dates";
import { main } from "../../../../provider/cli/rollover";
import type { CliRun } from "../../../harness/cli";
import { runCommand } from "../../../harness/cli-io";
import { SHARED_COURSES } from "../../../harness/rollover";

describe("provider/cli/rollover", () => {
  // `pulumi-proctor rollover` in-process on real files (its output caught), what it
  // writes read back with loadCatalogue; the built bin: test/integration/provider/cli/rollover.test.ts.

  const DAY = 86_400_000;

  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rollover-test-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function rollover(...args: string[]): Promise<CliRun> {
    return runCommand(main, args, dir);
  }

  async function fresh(name: string, text: string): Promise<string> {
    await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(path.join(tmpdir(), "rollover-test-"));
    await writeFile(path.join(dir, name), text);
    return name;
  }

  function load(file: string): CatalogueExam[] {
    return loadCatalogue({ files: file }, dir);
  }

  const TEMPLATED = `
term: 2026-autumn
examIdTemplate: "{course}-{term}-{kind}"
schedule: false
proctoring: auto
duration: 90
startDate: "2026-09-07T09:00:00+03:00"
endDate: "2026-09-30T18:00:00+03:00"
presets:
  resit: { startDate: "2026-12-01T09:00:00-05:00", endDate: "2026-12-03T09:00:00-05:00" }
accounts:
  - accountId: "100"
    accountName: Science
    courses:
      - courseCode: PHY-101
        courseName: Physics
        exams:
          - { kind: midterm, examName: Midterm, startDate: "2026-09-12T08:30:00.250+03:00" }
          - { kind: final, examName: Final }
          - { kind: resit, examName: Resit, preset: resit }
          - { examId: phy-2026-autumn-special, examName: Special }
`;

  it("--start moves the earliest window to that date; template ids follow the new term, an explicit id has its term replaced", async () => {
    const file = await fresh("science-2026-autumn.yaml", TEMPLATED);
    const run = await rollover(file, "--to-term", "2027-spring", "--start", "2027-02-01");
    assert.equal(run.code, 0, run.stderr);
    const before = load(file);
    const after = load("science-2027-spring.yaml");
    assert.deepEqual(after.map((e) => e.examId), ["PHY-101-2027-spring-midterm", "PHY-101-2027-spring-final", "PHY-101-2027-spring-resit", "phy-2027-spring-special"]);
    assert.match(run.stdout, /^ {2}PHY-101-2026-autumn-final -> PHY-101-2027-spring-final \(from the examIdTemplate\)$/m);
    assert.match(run.stdout, /^ {2}phy-2026-autumn-special -> phy-2027-spring-special \(replaced "2026-autumn"\)$/m);
    // 2026-09-07 to 2027-02-01 is 147 days; a preset's dates move too.
    assert.equal(after[0].args.startDate, "2027-02-06T08:30:00.250+03:00");
    assert.equal(after[1].args.startDate, "2027-02-01T09:00:00+03:00");
    assert.equal(after[2].args.startDate, "2027-04-27T09:00:00-05:00");
    before.forEach((exam, i) => assert.equal(instantOf(after[i].args.endDate)! - instantOf(exam.args.endDate)!, 147 * DAY));
  });

  it("a collision with the source is refused naming both exams, and nothing is written", async () => {
    // A template without {term} gives next term the same ids: Proctor would overwrite this term's exams.
    const file = await fresh("catalogue.yaml", TEMPLATED.replace("{course}-{term}-{kind}", "{course}-{kind}"));
    const run = await rollover(file, "--to-term", "2027-spring", "--shift-days", "140");
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /catalogue\.yaml accounts\[0\]\.courses\[0\]\.exams\[0\] \(examId "PHY-101-midterm"\) would become "PHY-101-midterm", the examId of catalogue\.yaml accounts\[0\]\.courses\[0\]\.exams\[0\] \(examId "PHY-101-midterm"\) in the source catalogue; its id does not change/,
    );
    assert.deepEqual(await readdir(dir), ["catalogue.yaml"]);

    // New ids equal to other exams' old ones: a suffix, and a term replaced.
    const crossed = await fresh("catalogue.yaml", `${TEMPLATED.replace(/examIdTemplate.*\n/, "").replace(/\{ kind: (\w+), /g, "{ examId: phy-$1, ")}
          - { examId: phy-midterm-2027-spring, examName: Taken }
          - { examId: phy-2027-spring-special, examName: Twin }
`);
    const both = await rollover(crossed, "--to-term", "2027-spring", "--shift-days", "140", "--out", "next.yaml");
    assert.equal(both.code, 1, both.stdout);
    assert.match(
      both.stderr,
      /exams\[0\] \(examId "phy-midterm"\) would become "phy-midterm-2027-spring", the examId of catalogue\.yaml accounts\[0\]\.courses\[0\]\.exams\[4\] \(examId "phy-midterm-2027-spring"\) in the source catalogue/,
    );
    assert.match(
      both.stderr,
      /exams\[3\] \(examId "phy-2026-autumn-special"\) would become "phy-2027-spring-special", the examId of catalogue\.yaml accounts\[0\]\.courses\[0\]\.exams\[5\] \(examId "phy-2027-spring-special"\) in the source/,
    );
    assert.match(both.stderr, /refused, nothing was written/);
    assert.deepEqual(await readdir(dir), ["catalogue.yaml"]);
  });

  it("two exams given one new id are refused, naming both; --id-template renames explicit ids and is written as the template", async () => {
    const file = await fresh("catalogue.yaml", TEMPLATED);
    const twins = await rollover(file, "--to-term", "2027-spring", "--shift-days", "140", "--id-template", "{course}-{term}");
    assert.equal(twins.code, 1);
    assert.match(twins.stderr, /exams\[1\] \(examId "PHY-101-2026-autumn-final"\) and catalogue\.yaml accounts\[0\]\.courses\[0\]\.exams\[0\] \(examId "PHY-101-2026-autumn-midterm"\) would both become "PHY-101-2027-spring"/);
    assert.deepEqual(await readdir(dir), ["catalogue.yaml"]);

    const run = await rollover(file, "--to-term", "2027-spring", "--shift-days", "140", "--id-template", "{account}-{term}-{kind}", "--out", "next.yaml");
    assert.equal(run.code, 1, "the explicit id has no kind");
    assert.match(run.stderr, /exams\[3\] \(examId "phy-2026-autumn-special"\): --id-template has no value for \{kind\}/);
    assert.doesNotMatch(run.stderr, /would become "phy-2026-autumn-special"/, "an id the template could not make is not also reported as unchanged");
  });

  it("a course list a second account shares through a YAML alias rolls over: its dates move once, at the anchor, and the alias is kept", async () => {
    const file = await fresh("catalogue.yaml", SHARED_COURSES);
    const run = await rollover(file, "--to-term", "2027-spring", "--shift-days", "7");
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}200-PHY-2026-autumn-final -> 200-PHY-2027-spring-final \(from the examIdTemplate\)$/m);
    const after = load("catalogue-2027-spring.yaml");
    assert.deepEqual(after.map((e) => e.examId), ["100-PHY-2027-spring-midterm", "100-PHY-2027-spring-final", "200-PHY-2027-spring-midterm", "200-PHY-2027-spring-final"]);
    assert.deepEqual(after.map((e) => e.args.startDate), Array(4).fill("2026-09-14T09:00:00Z"));
    assert.match(await readFile(path.join(dir, "catalogue-2027-spring.yaml"), "utf8"), /^ {4}courses: \*shared$/m);
  });

  it("the output never replaces an existing file without --force, the source included", async () => {
    const file = await fresh("catalogue.yaml", TEMPLATED);
    await writeFile(path.join(dir, "catalogue-2027-spring.yaml"), "keep me\n");
    const refused = await rollover(file, "--to-term", "2027-spring", "--shift-days", "140");
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /catalogue-2027-spring\.yaml exists; it was left as it is and nothing was written \(give --force to replace it\)/);
    assert.equal(await readFile(path.join(dir, "catalogue-2027-spring.yaml"), "utf8"), "keep me\n");
    const source = await rollover(file, "--to-term", "2027-spring", "--shift-days", "140", "--out", file);
    assert.equal(source.code, 1);
    assert.equal(await readFile(path.join(dir, file), "utf8"), TEMPLATED);

    const replaced = await rollover(file, "--to-term", "2027-spring", "--shift-days", "140", "--out", file, "--force");
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.equal(load(file)[0].examId, "PHY-101-2027-spring-midterm");
    assert.deepEqual((await readdir(dir)).sort(), ["catalogue-2027-spring.yaml", "catalogue.yaml"], "a temporary file was left behind");
  });

  it("JSON catalogues roll over as JSON; usage errors exit 2 with the help", async () => {
    const file = await fresh("exams.json", JSON.stringify({ term: "t1", exams: [{ examId: "q-t1", examName: "Q", duration: 30, schedule: false, proctoring: "auto", startDate: "2027-01-01T10:00:00-03:30", endDate: "2027-01-02T10:00:00-03:30", accountId: 7, accountName: "A" }] }));
    const run = await rollover(file, "--to-term", "t2", "--shift-days=-3");
    assert.equal(run.code, 0, run.stderr);
    const written = JSON.parse(await readFile(path.join(dir, "exams-t2.json"), "utf8"));
    assert.deepEqual(written, { term: "t2", exams: [{ ...written.exams[0], examId: "q-t2", startDate: "2026-12-29T10:00:00-03:30", endDate: "2026-12-30T10:00:00-03:30", accountId: 7 }] });

    for (const args of [[file, "--to-term", "t2", "--shift-days", "1", "--start", "2027-01-01"], [file, "--to-term", "t2", "--shift-days", "1", "--id-template", "{curse}-{kind}"]]) {
      const usage = await rollover(...args);
      assert.equal(usage.code, 2, args.join(" "));
      assert.match(usage.stderr, /usage: pulumi-proctor rollover CATALOGUE/);
    }
    const same = await rollover(file, "--to-term", "t1", "--shift-days", "1");
    assert.match(same.stderr, /already for term "t1"/);
    const badStart = await rollover(file, "--to-term", "t3", "--start", "2027-02-30");
    assert.match(badStart.stderr, /--start must be a date, YYYY-MM-DD \(got "2027-02-30"\)/);
  });

  it("an invalid source catalogue: each problem at its file:line:column, nothing written, no word of Pulumi", async () => {
    const file = await fresh("catalogue.yaml", "accounts:\n  - accountId: \"1\"\n    accountName: A\n    exams:\n      - examId: x-1\n        examName: X\n        duration: sixty\n");
    const run = await rollover(file, "--to-term", "2027-spring", "--shift-days", "7");
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^catalogue\.yaml:7:\d+: .*duration/m);
    assert.match(run.stderr, /catalogue\.yaml has \d+ problems?; nothing was written/);
    assert.doesNotMatch(run.stderr, /declared|sent to Proctor/);
    assert.deepEqual(await readdir(dir), ["catalogue.yaml"]);
  });

  /** A catalogue of term s1 whose explicit examIds hold "s1" as a whole token, inside a word, or not at all. */
  const TOKENS = (ids: readonly string[]) => `term: s1
accountId: "1"
accountName: A
duration: 60
schedule: false
proctoring: auto
startDate: "2027-01-11T08:00:00Z"
endDate: "2027-01-15T20:00:00Z"
exams:
${ids.map((id) => `  - { examId: ${id}, examName: E }`).join("\n")}
`;

  it("the old term is replaced only as a whole id token; otherwise the new term is appended with the id's own separator, and the summary says which", async () => {
    const file = await fresh("catalogue.yaml", TOKENS(["phys1-final", "maths1_final", "phys-s1", "bio_s1_lab", "chem.s1", "s1", "geo.final", "s1x-quiz"]));
    const run = await rollover(file, "--to-term", "s2", "--shift-days", "140", "--out", "next.yaml");
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(load("next.yaml").map((e) => e.examId), [
      "phys1-final-s2", // "s1" inside "phys1" is not the term: another course's phys2-final is left alone
      "maths1_final_s2",
      "phys-s2",
      "bio_s2_lab",
      "chem.s2",
      "s2",
      "geo.final.s2",
      "s1x-quiz-s2",
    ]);
    assert.match(run.stdout, /^ {2}phys1-final -> phys1-final-s2 \(appended: "s1" is not a whole token of it\)$/m);
    assert.match(run.stdout, /^ {2}maths1_final -> maths1_final_s2 \(appended: "s1" is not a whole token of it\)$/m);
    assert.match(run.stdout, /^ {2}phys-s1 -> phys-s2 \(replaced "s1"\)$/m);
    assert.match(run.stdout, /^ {2}bio_s1_lab -> bio_s2_lab \(replaced "s1"\)$/m);
    assert.match(run.stdout, /^ {2}s1 -> s2 \(replaced "s1"\)$/m);
  });

  it("a replaced id and an appended one that meet, or a new id that is another exam's, are refused naming both", async () => {
    const file = await fresh("catalogue.yaml", TOKENS(["geo", "geo-s1"]));
    const twins = await rollover(file, "--to-term", "s2", "--shift-days", "140", "--out", "next.yaml");
    assert.equal(twins.code, 1, twins.stdout);
    assert.match(twins.stderr, /exams\[1\] \(examId "geo-s1"\) and catalogue\.yaml exams\[0\] \(examId "geo"\) would both become "geo-s2"/);

    await fresh("catalogue.yaml", TOKENS(["phy-s1", "phy-s2"]));
    const taken = await rollover(file, "--to-term", "s2", "--shift-days", "140", "--out", "next.yaml");
    assert.equal(taken.code, 1, taken.stdout);
    assert.match(taken.stderr, /exams\[0\] \(examId "phy-s1"\) would become "phy-s2", the examId of catalogue\.yaml exams\[1\] \(examId "phy-s2"\) in the source catalogue/);
    assert.deepEqual(await readdir(dir), ["catalogue.yaml"]);
  });

  it("the default output name follows the same rule: the old term replaced as a whole token, or appended", async () => {
    for (const [name, expected] of [["exams-s1.yaml", "exams-s2.yaml"], ["physics1.yaml", "physics1-s2.yaml"], ["exams_2027.yaml", "exams_2027_s2.yaml"]]) {
      await fresh(name, TOKENS(["q-s1"]));
      const run = await rollover(name, "--to-term", "s2", "--shift-days", "7");
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual((await readdir(dir)).sort(), [expected, name].sort(), name);
    }
  });
});
