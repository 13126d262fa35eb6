import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewOf } from "../../../../provider/review/changes";
import { renderMarkdown } from "../../../../provider/review/markdown";
import { exam, GROUP_URN, groupSteps, physics3 } from "../../../harness/review-steps";

describe("provider/review/diagnostics", () => {
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
