import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOUSE, catalogueFolder } from "../../../harness/catalogue";

describe("provider/catalogue/resolve", () => {
  // Every problem of a catalogue at once, each where it is written.
  const folder = catalogueFolder("catalogue-resolve-");
  const { file, problemsOf } = folder;

  it("a duplicate examId, unknown keys and schema errors are all reported in one error, with file:line:column, entry and field", async () => {
    const yaml = await file(
      "bad.yaml",
      `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    coursez:
      - courseName: Unreachable
    courses:
      - courseName: Physics
        duraton: 60
        exams:
          - examId: phy-final
            examName: Physics final
          - examId: phy-final
            examName: Physics final, again
            startDate: "2027-13-01T00:00:00Z"
          - examId: phy-quiz
            examName: Physics quiz
            rules: { allow_to_use_papr: false }
`,
    );
    assert.deepEqual(problemsOf({ files: "bad.yaml" }), [
      'bad.yaml:13:5: accounts[0]: coursez: unknown key; did you mean "courses"?',
      'bad.yaml:17:9: accounts[0].courses[0]: duraton: unknown key; did you mean "duration"?',
      'bad.yaml:21:21: accounts[0].courses[0].exams[1] (examId "phy-final"): examId: "phy-final" is declared twice; the first is at bad.yaml:19:13 accounts[0].courses[0].exams[0]',
      'bad.yaml:23:24: accounts[0].courses[0].exams[1] (examId "phy-final"): startDate: has month 13, outside 1–12 (got "2027-13-01T00:00:00Z")',
      'bad.yaml:26:22: accounts[0].courses[0].exams[2] (examId "phy-quiz"): rules.allow_to_use_papr: unknown key; did you mean "allow_to_use_paper"?',
    ]);
    assert.ok(yaml.endsWith("bad.yaml"));
  });

  it("a bad default is reported once, where it is written, with the number of exams that inherit it", async () => {
    await file(
      "inherited.yaml",
      `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    identification: fingerprint
    exams:
      - { examId: a, examName: A }
      - { examId: b, examName: B }
      - { examId: c, examName: C, identification: face }
`,
    );
    assert.deepEqual(problemsOf({ files: "inherited.yaml" }), [
      "inherited.yaml:13:21: accounts[0]: identification: must be one of passport, face, face_and_passport, skip (got \"fingerprint\") [inherited by 2 exams]",
    ]);
  });
});
