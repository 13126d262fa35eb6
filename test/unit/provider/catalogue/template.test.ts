import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { examIdPattern } from "pulumi-proctor";
import { TERM, catalogueTexts } from "../../../harness/catalogue";

describe("provider/catalogue/template", () => {
  const { load } = catalogueTexts("catalogue-template-");

  it("examIdPattern: the regex a policy's examId rule takes matches this term's ids from the template and no other's", async () => {
    const pattern = examIdPattern("{course}-{term}-{kind}", "2026-autumn");
    for (const exam of await load(TERM)) {
      assert.equal(pattern.test(exam.examId), exam.examId !== "phy-retake-special", exam.examId);
    }
    assert.equal(pattern.test("CHM-110-2027-spring-final"), false);
    assert.equal(examIdPattern("{course}-{term}-{kind}").test("CHM-110-2027-spring-final"), true);
    assert.equal(pattern.source, "^(?:.+?)-(?:2026-autumn)-(?:[A-Za-z0-9][A-Za-z0-9._-]*)$");
    assert.throws(() => examIdPattern("{curse}-{kind}"), /unknown placeholder \{curse\}; did you mean \{course\}\?/);
  });
});
