import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validExam } from "../../../scripts/lib/exams";
import { rejected } from "../../harness/exam-validation";

describe("provider/show", () => {
  it("quotes a long value cut at a character boundary, never half a surrogate pair", () => {
    const [failure] = rejected(validExam({ proctoring: `a${"😀".repeat(40)}` }));
    assert.ok(!/\\ud[89a-f]/i.test(failure.reason), failure.reason);
    assert.match(failure.reason, /😀…"\)$/);
  });
});
