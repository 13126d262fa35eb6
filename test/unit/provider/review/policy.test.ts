import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePolicyLog } from "../../../../provider/review/policy";
import { fixtureText } from "../../../harness/review-fixtures";

describe("provider/review/policy", () => {
  it("policy violations are read from the report of a policy preview, coloured or not, and named by exam", () => {
    const log = [
      "Previewing update (production):",
      " +  pulumi-nodejs:dynamic/proctor:Exam phy-final create ",
      "Policies:",
      "    \u001b[31m❌ pulumi-proctor@v0.1.0 (local: node_modules/pulumi-proctor/policy)\u001b[0m",
      "        - [mandatory]  window-fits-duration  (pulumi-nodejs:dynamic/proctor:Exam: phy-final)",
      "          The window is at least as long as the exam.",
      '          exam "phy-final": endDate - startDate is 30 minutes, duration is 120',
      "        - [advisory]  overlapping-windows  (pulumi:pulumi:Stack: proj-production)",
      "          Two exams of one course at the same time.",
      "    ✅ other-pack@v1.0.0 (local: ../other)",
      "",
      "Diagnostics:",
      "  - [mandatory]  not-a-violation  (x: y)",
    ].join("\n");
    const violations = parsePolicyLog(log);
    assert.deepEqual(violations, [
      { level: "mandatory", policy: "window-fits-duration", resource: "phy-final", lines: ["The window is at least as long as the exam.", 'exam "phy-final": endDate - startDate is 30 minutes, duration is 120'] },
      { level: "advisory", policy: "overlapping-windows", resource: "proj-production", lines: ["Two exams of one course at the same time."] },
    ]);
    assert.deepEqual(parsePolicyLog(fixtureText("policy.log")).map((v) => [v.level, v.policy, v.resource]), [["mandatory", "exam-duration-at-most-240", "his-resit"]]);
    assert.deepEqual(parsePolicyLog("Previewing update (test):\nResources:\n    + 3 to create\n"), []);
  });
});
