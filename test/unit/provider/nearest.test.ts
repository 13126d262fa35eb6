import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { editDistance, nearest } from "../../../provider/nearest";

describe("provider/nearest", () => {
  it("counts a swap of adjacent characters as one edit", () => {
    assert.equal(editDistance("trial", "trail"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
  });

  it("ignores case and separators, and suggests nothing for unrelated words", () => {
    assert.equal(nearest("cheater_level", ["phone", "cheaterLevel"]), "cheaterLevel");
    assert.equal(nearest("ExamID", ["examId", "examName"]), "examId");
    assert.equal(nearest("colour", ["phone", "avertEyes"]), undefined);
  });
});
