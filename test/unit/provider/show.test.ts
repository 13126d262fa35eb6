import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validExam } from "../../../scripts/lib/exams";
import { rejected } from "../../harness/exam-validation";
import { SHOWN, shortened, show } from "../../../provider/show";

describe("provider/show", () => {
  it("quotes a long value cut at a character boundary, never half a surrogate pair", () => {
    const [failure] = rejected(validExam({ proctoring: `a${"😀".repeat(40)}` }));
    assert.ok(!/\\ud[89a-f]/i.test(failure.reason), failure.reason);
    assert.match(failure.reason, /😀…"\)$/);
  });

  it("show quotes a string whole up to SHOWN units and cut with an ellipsis beyond, and never a whole object", () => {
    assert.equal(show("a".repeat(SHOWN)), JSON.stringify("a".repeat(SHOWN)));
    assert.equal(show("a".repeat(SHOWN + 1)), JSON.stringify(`${"a".repeat(SHOWN)}…`));
    assert.deepEqual([show([1, 2]), show(null), show({ secret: "x" }), show({}, "a section"), show(3), show(false), show(undefined)], [
      "a list", "null", "an object", "a section", "3", "false", "undefined",
    ]);
  });

  it("shortened cuts before a surrogate pair that would straddle the limit", () => {
    assert.equal(shortened("ab😀c", 3), "ab…");
    assert.equal(shortened("ab😀c", 4), "ab😀…");
  });
});
