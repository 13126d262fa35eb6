import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deriveExamId, templateValues } from "../../../../provider/catalogue/derive";
import { REQUIRED as HOUSE, TERM, WINDOW, catalogueTexts } from "../../../harness/catalogue";

describe("provider/catalogue/derive", () => {
  // An exam without an examId gets one from the catalogue's examIdTemplate, read as a program reads it.
  const { load, problemsOf } = catalogueTexts("catalogue-derive-");

  it("an exam without an examId gets one from the template: {course} is the courseCode or a slug of the name", async () => {
    const ids = (await load(TERM)).map((e) => e.examId);
    assert.deepEqual(ids, ["physics-101-lab-2026-autumn-midterm", "physics-101-lab-2026-autumn-final", "phy-retake-special", "CHM-110-2026-autumn-final"]);
    const account = await load(TERM.replace("{course}-{term}-{kind}", "{account}.{term}.{kind}").replace("- kind: final\n          - examId", "- kind: exam\n          - examId"));
    assert.deepEqual(account.map((e) => e.examId), ["100.2026-autumn.midterm", "100.2026-autumn.exam", "phy-retake-special", "100.2026-autumn.final"]);
  });

  it("a template without a value for a placeholder, an unknown placeholder, a bad term or kind are errors naming the entry", async () => {
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

  it("templateValues: {course} is a non-empty courseCode as written, else the slug of courseName; {account} the accountId as text", () => {
    assert.deepEqual(templateValues({ courseCode: "CHM-110", courseName: "Chemistry", accountId: "0x1F" }, "t1", "final"), { term: "t1", kind: "final", course: "CHM-110", account: "0x1F" });
    assert.deepEqual(templateValues({ courseCode: "", courseName: "Café Lab", accountId: 7 }, undefined, undefined), { term: undefined, kind: undefined, course: "cafe-lab", account: "7" });
  });

  it("deriveExamId: the filled template, or one problem naming each placeholder without a value and what to set for it", () => {
    assert.deepEqual(deriveExamId("{account}-{kind}", { accountId: 100 }, undefined, "quiz"), { id: "100-quiz" });
    assert.deepEqual(deriveExamId("{account}-{course}-{kind}", { accountId: "1" }, undefined, undefined), {
      problem: 'not set, and the examIdTemplate "{account}-{course}-{kind}" has no value here for {course} (set courseCode or courseName), {kind} (set kind); or write examId yourself',
    });
  });
});
