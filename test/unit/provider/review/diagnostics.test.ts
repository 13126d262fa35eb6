import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewOf } from "../../../../provider/review/changes";
import { readFindings } from "../../../../provider/review/diagnostics";
import { renderMarkdown } from "../../../../provider/review/markdown";
import { exam, GROUP_URN, groupSteps, physics3 } from "../../../harness/review-steps";

const URN = "urn:pulumi:s::p::pulumi-nodejs:dynamic/proctor:Exam::phy-final";

describe("provider/review/diagnostics", () => {
  it("errors and warnings are told by severity or by their prefix, which is dropped; info lines are left out", () => {
    const { errors, warnings } = readFindings([
      { severity: "info", message: "attempt 2 of 5\n" },
      { severity: "", message: "error: [runtime] the provider crashed\n\n" },
      { severity: "warning", message: "warning: deprecated\n" },
      { severity: "error", urn: "", message: "no urn" },
    ]);
    assert.deepEqual(errors, [
      { resource: undefined, message: "the provider crashed" },
      { resource: undefined, message: "no urn" },
    ]);
    assert.deepEqual(warnings, [{ resource: undefined, message: "deprecated" }]);
  });

  it("a check failure on an Exam names its field and reason; a secret value is not quoted back by the reason", () => {
    const failure = (value: string, reason: string) =>
      readFindings([{ urn: URN, severity: "error", message: `error: pulumi-nodejs:dynamic/proctor:Exam resource 'phy-final': property duration value {${value}} has a problem: ${reason}\n` }]).errors[0];
    assert.deepEqual(failure("0", "must be at least 1 (got 0)"), { resource: "phy-final", field: "duration", message: "must be at least 1 (got 0)" });
    assert.deepEqual(failure("[secret]", "must be at least 1 (got 0)"), { resource: "phy-final", field: "duration", message: "must be at least 1" });
  });

  it("an exam inside a course's resource is named by its examId, quoted or plain, and the field below it", () => {
    const failure = (property: string) =>
      readFindings([{ severity: "error", message: `error: x resource 'cat': property ${property} value {1} has a problem: exam "a.b": no good\n` }]).errors[0];
    assert.deepEqual(failure('exams["a.b"].duration'), { resource: undefined, examId: "a.b", field: "duration", message: "no good" });
    assert.deepEqual(failure("exams.plain"), { resource: undefined, examId: "plain", message: "no good" });
  });

  it("a provider warning about an exam names it; a field the server keeps is marked as one", () => {
    const { warnings } = readFindings([
      { urn: URN, severity: "warning", message: 'warning: exam "phy-final": adopted an existing exam\n' },
      { urn: URN, severity: "warning", message: 'warning: exam "phy-final": rules.allow_voices was removed from the program, but the server keeps its last value\n' },
    ]);
    assert.deepEqual(warnings, [
      { resource: "phy-final", examId: "phy-final", message: "adopted an existing exam" },
      {
        resource: "phy-final",
        examId: "phy-final",
        field: "rules.allow_voices",
        unresettable: true,
        message: "rules.allow_voices was removed from the program, but the server keeps its last value",
      },
    ]);
  });

  it('a course resource\'s findings land on the exam they name: check failures by exams["<id>"], provider warnings, policy violations', () => {
    const steps = groupSteps({ "cat-100-Physics": physics3 }, { "cat-100-Physics": [exam("phy-final", { duration: 100 }), exam("phy-quiz"), exam("phy-lab")] });
    const urn = GROUP_URN("cat-100-Physics");
    const r = reviewOf(
      {
        steps,
        diagnostics: [
          { urn, severity: "warning", message: 'warning: exam "phy-final": courseCode was removed from the program, but the server keeps its last value\n' },
          {
            urn: GROUP_URN("cat-100-Chemistry"),
            severity: "error",
            message: `error: pulumi-nodejs:dynamic/proctor:ExamGroup resource 'cat-100-Chemistry': property exams["chem 1"].duration value {<nil>} has a problem: exam "chem 1": must be at least 1 (got 0)\n`,
          },
        ],
        hiddenSames: 0,
      },
      [
        { level: "mandatory", policy: "exam-window-fits-duration", resource: "cat-100-Physics", lines: ["An exam's window (endDate − startDate) is at least its duration.", 'exam "cat-100-Physics[phy-lab]" (examId "phy-lab"): endDate − startDate is …'] },
      ],
    );
    const final = r.exams.find((e) => e.examId === "phy-final")!;
    assert.deepEqual(final.warnings.map((w) => [w.field, w.unresettable]), [["courseCode", true]]);
    assert.deepEqual(r.errors, [{ resource: "cat-100-Chemistry", examId: "chem 1", field: "duration", message: "must be at least 1 (got 0)" }]);
    const md = renderMarkdown(r);
    assert.match(md, /- \*\*exam "chem 1"\*\*: duration: must be at least 1 \(got 0\)/);
    assert.match(md, /- \*\*exam "phy-lab" \(resource "cat-100-Physics\\\[phy-lab\\\]"\)\*\*: \\\[mandatory\\\] exam-window-fits-duration/);
    assert.match(md, /- \*\*exam "phy-final" \(resource "cat-100-Physics\\\[phy-final\\\]"\)\*\*: courseCode was removed/);
  });
});
