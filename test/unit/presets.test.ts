import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { CatalogueError, examIdPattern, loadCatalogue } from "pulumi-proctor";

// Presets, terms and examId templates of a catalogue file, read as a program reads them.

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "presets-test-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(text: string, name = "catalogue.yaml") {
  await writeFile(path.join(dir, name), text);
  return loadCatalogue({ files: name }, dir);
}

async function problemsOf(text: string): Promise<string[]> {
  try {
    await load(text);
  } catch (error) {
    assert.ok(error instanceof CatalogueError, `expected a CatalogueError, got ${String(error)}`);
    return error.message.split("\n").slice(1).map((line) => line.replace(/^ {2}- /, ""));
  }
  assert.fail("the catalogue was accepted");
}

const WINDOW = `
startDate: "2027-01-11T08:00:00+03:00"
endDate: "2027-01-29T20:00:00+03:00"
accountId: "100"
accountName: Science
examName: Exam
`;

/** The required fields no preset of these tests gives. */
const HOUSE = `
duration: 90
schedule: true
proctoring: offline
`;

const PRESETS = `
presets:
  high-stakes:
    proctoring: online
    identification: passport
    duration: 120
    rules: { allow_to_use_paper: false, allow_to_use_books: false }
    scoreConfig: { cheaterLevel: 60 }
  low-stakes:
    proctoring: auto
    duration: 30
    schedule: false
  open-book:
    rules: { allow_to_use_books: true, allow_to_use_websites: true }
`;

test("a level's preset applies at that level: below its own values, above what it inherits; sections merge key by key", async () => {
  const exams = await load(`${WINDOW}${PRESETS}
preset: low-stakes                 # every exam: auto, 30 minutes, no booking
rules: { allow_to_use_calculator: false }
exams:
  - examId: quiz
  - examId: final
    preset: high-stakes            # the exam's preset beats the catalogue's explicit values...
    duration: 180                  # ...and the exam's own value beats its preset
  - examId: take-home
    preset: open-book
    rules: { allow_to_use_websites: false }
`);
  const byId = new Map(exams.map((e) => [e.examId, e.args]));
  assert.deepEqual(byId.get("quiz"), {
    ...byId.get("quiz"),
    proctoring: "auto",
    duration: 30,
    schedule: false,
    rules: { allow_to_use_calculator: false },
  });
  const final = byId.get("final")!;
  assert.equal(final.proctoring, "online");
  assert.equal(final.identification, "passport");
  assert.equal(final.duration, 180);
  assert.equal(final.schedule, false, "inherited from the catalogue's preset");
  assert.deepEqual(final.rules, { allow_to_use_calculator: false, allow_to_use_paper: false, allow_to_use_books: false });
  assert.deepEqual(final.scoreConfig, { cheaterLevel: 60 });
  assert.deepEqual(byId.get("take-home")!.rules, { allow_to_use_calculator: false, allow_to_use_books: true, allow_to_use_websites: false });
});

test("a preset named at several levels: account, course and exam each apply theirs, the nearest winning", async () => {
  const exams = await load(`${WINDOW.replace(/accountId.*\naccountName.*\n/, "")}${PRESETS}
schedule: true
accounts:
  - accountId: "100"
    accountName: Science
    preset: low-stakes
    courses:
      - courseName: Physics
        preset: high-stakes
        exams:
          - examId: phy-final
          - examId: phy-open
            preset: open-book
      - courseName: Biology
        exams:
          - examId: bio-quiz
`);
  const byId = new Map(exams.map((e) => [e.examId, e.args]));
  assert.equal(byId.get("bio-quiz")!.duration, 30);
  assert.equal(byId.get("bio-quiz")!.schedule, false, "the account's preset beats the catalogue's explicit value");
  assert.equal(byId.get("phy-final")!.duration, 120);
  assert.equal(byId.get("phy-final")!.proctoring, "online");
  assert.deepEqual(byId.get("phy-open")!.rules, { allow_to_use_paper: false, allow_to_use_books: true, allow_to_use_websites: true });
  assert.equal(byId.get("phy-open")!.duration, 120, "open-book sets no duration; the course's preset still applies");
});

test("an unknown preset is an error naming the file, the entry and the nearest name; every problem at once", async () => {
  const problems = await problemsOf(`${WINDOW}${HOUSE}${PRESETS}
exams:
  - examId: a
    preset: high-stake
  - examId: b
    preset: nothing-like-it
    duration: -1
`);
  assert.deepEqual(problems, [
    `catalogue.yaml:28:13: exams[0] (examId "a"): preset: unknown preset "high-stake"; did you mean "high-stakes"? (defined: high-stakes, low-stakes, open-book)`,
    `catalogue.yaml:30:13: exams[1] (examId "b"): preset: unknown preset "nothing-like-it" (defined: high-stakes, low-stakes, open-book)`,
    `catalogue.yaml:31:15: exams[1] (examId "b"): duration: must be at least 1 (got -1)`,
  ]);
  assert.deepEqual(await problemsOf(`${WINDOW}${HOUSE}\nexams: [{ examId: a, preset: high-stakes }]\n`), [
    `catalogue.yaml:12:30: exams[0] (examId "a"): preset: unknown preset "high-stakes": this catalogue defines no presets (define them under \`presets:\` at its top level)`,
  ]);
});

test("a preset may not hold ids, entries or another preset, says why, and a bad value in it is reported once where it is written", async () => {
  const problems = await problemsOf(`${WINDOW}${HOUSE}
presets:
  strict:
    examId: x
    accountId: "7"
    preset: other
    exams: []
    duraton: 60
    proctoring: watched
exams:
  - { examId: a, preset: strict }
  - { examId: b, preset: strict }
`);
  assert.deepEqual(problems, [
    "catalogue.yaml:14:5: presets.strict: examId: not allowed in a preset: an examId names one exam, and a preset is shared by many; write it on the exam",
    "catalogue.yaml:15:5: presets.strict: accountId: not allowed in a preset: which account an exam belongs to is said by its account entry, not by a bundle of settings",
    "catalogue.yaml:16:5: presets.strict: preset: not allowed in a preset: presets do not nest; a level names one preset, and its own fields override it",
    "catalogue.yaml:17:5: presets.strict: exams: not allowed in a preset: a preset holds exam fields only, not entries",
    `catalogue.yaml:18:5: presets.strict: duraton: unknown key; did you mean "duration"?`,
    "catalogue.yaml:19:17: presets.strict: proctoring: must be one of online, offline, auto, identification (got \"watched\") [inherited by 2 exams]",
  ]);
});

const TERM = `${WINDOW.replace(/accountId.*\naccountName.*\n/, "")}${HOUSE}term: 2026-autumn
examIdTemplate: "{course}-{term}-{kind}"
accounts:
  - accountId: "100"
    accountName: Science
    courses:
      - courseName: Physics 101 (Lab)
        exams:
          - kind: midterm
          - kind: final
          - examId: phy-retake-special     # explicit wins over the template
      - courseName: Chemistry
        courseCode: CHM-110                # an explicit code wins over the slug of the name
        exams:
          - kind: final
`;

test("an exam without an examId gets one from the template: {course} is the courseCode or a slug of the name", async () => {
  const ids = (await load(TERM)).map((e) => e.examId);
  assert.deepEqual(ids, ["physics-101-lab-2026-autumn-midterm", "physics-101-lab-2026-autumn-final", "phy-retake-special", "CHM-110-2026-autumn-final"]);
  const account = await load(TERM.replace("{course}-{term}-{kind}", "{account}.{term}.{kind}").replace("- kind: final\n          - examId", "- kind: exam\n          - examId"));
  assert.deepEqual(account.map((e) => e.examId), ["100.2026-autumn.midterm", "100.2026-autumn.exam", "phy-retake-special", "100.2026-autumn.final"]);
});

test("a template without a value for a placeholder, an unknown placeholder, a bad term or kind are errors naming the entry", async () => {
  assert.deepEqual(await problemsOf(TERM.replace("          - kind: midterm\n", "          - examName: No kind\n").replace("term: 2026-autumn\n", "")), [
    'catalogue.yaml:16:13: accounts[0].courses[0].exams[0]: examId: not set, and the examIdTemplate "{course}-{term}-{kind}" has no value here for {term} (set term (at the top of the catalogue)), {kind} (set kind); or write examId yourself',
    'catalogue.yaml:17:13: accounts[0].courses[0].exams[1]: examId: not set, and the examIdTemplate "{course}-{term}-{kind}" has no value here for {term} (set term (at the top of the catalogue)); or write examId yourself',
    'catalogue.yaml:22:13: accounts[0].courses[1].exams[0]: examId: not set, and the examIdTemplate "{course}-{term}-{kind}" has no value here for {term} (set term (at the top of the catalogue)); or write examId yourself',
  ]);
  assert.deepEqual(await problemsOf(TERM.replace("{course}-{term}-{kind}", "{corse}-{term}-{kind}").replace("2026-autumn", "2026 autumn").replace("kind: midterm", "kind: mid/term")), [
    'catalogue.yaml:9:7: term: must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got "2026 autumn")',
    "catalogue.yaml:10:17: examIdTemplate: unknown placeholder {corse}; did you mean {course}? (placeholders: {term}, {course}, {account}, {kind})",
    'catalogue.yaml:17:19: accounts[0].courses[0].exams[0]: kind: must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got "mid/term")',
  ]);
  assert.deepEqual(await problemsOf(`${WINDOW}${HOUSE}\naccounts: [{ accountId: "1", accountName: A, term: x, kind: y, exams: [] }]\n`), [
    'catalogue.yaml:12:46: accounts[0]: term: unknown key in an account; "term" belongs in a catalogue',
    'catalogue.yaml:12:55: accounts[0]: kind: unknown key in an account; "kind" belongs in an exam',
  ]);
});

test("examIdPattern: the regex a policy's examId rule takes matches this term's ids from the template and no other's", async () => {
  const pattern = examIdPattern("{course}-{term}-{kind}", "2026-autumn");
  for (const exam of await load(TERM)) {
    assert.equal(pattern.test(exam.examId), exam.examId !== "phy-retake-special", exam.examId);
  }
  assert.equal(pattern.test("CHM-110-2027-spring-final"), false);
  assert.equal(examIdPattern("{course}-{term}-{kind}").test("CHM-110-2027-spring-final"), true);
  assert.equal(pattern.source, "^(?:.+?)-(?:2026-autumn)-(?:[A-Za-z0-9][A-Za-z0-9._-]*)$");
  assert.throws(() => examIdPattern("{curse}-{kind}"), /unknown placeholder \{curse\}; did you mean \{course\}\?/);
});
