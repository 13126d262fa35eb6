import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { examIdMismatch, examIdPattern } from "../../../../provider/policy/exam-id-pattern";
import { exam, violations } from "../../../harness/policy-resources";

describe("provider/policy/exam-id-pattern", () => {
  it("examId pattern: unset passes; numbers are matched as written; a bad pattern is refused naming the rule", () => {
    assert.equal(examIdMismatch(exam({ examId: "2026f-bio" }), undefined), undefined);
    assert.match(examIdMismatch(exam({ examId: "2026f-bio" }), "^2027s-") ?? "", /examId does not match the pattern "\^2027s-"/);
    assert.equal(examIdMismatch(exam({ examId: 2027001 }), "^2027"), undefined);
    assert.deepEqual(violations(examIdPattern, { examId: "2026f-bio" }, {}), []);
    assert.equal(violations(examIdPattern, { examId: "2026f-bio" }, { pattern: "^2027s-" }).length, 1);
    assert.throws(() => violations(examIdPattern, {}, { pattern: "([" }), /policy exam-id-pattern: the policy pack config is invalid: pattern: "\(\[" is not a regular expression/);
  });
});
