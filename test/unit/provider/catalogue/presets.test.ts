import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REQUIRED as HOUSE, WINDOW, catalogueTexts } from "../../../harness/catalogue";

describe("provider/catalogue/presets", () => {
  // Presets of a catalogue file, read as a program reads them.
  const { load, problemsOf } = catalogueTexts("catalogue-presets-");

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

  it("a level's preset applies at that level: below its own values, above what it inherits; sections merge key by key", async () => {
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

  it("a preset named at several levels: account, course and exam each apply theirs, the nearest winning", async () => {
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

  it("an unknown preset is an error naming the file, the entry and the nearest name; every problem at once", async () => {
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

  it("a preset may not hold ids, entries or another preset, says why, and a bad value in it is reported once where it is written", async () => {
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
});
