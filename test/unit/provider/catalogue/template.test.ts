import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { examIdPattern } from "pulumi-proctor";
import { fillTemplate, slug, templateProblem } from "../../../../provider/catalogue/template";
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

  it("slug: letters and digits, lower case, accents dropped, every other run one hyphen, none at the ends", () => {
    assert.equal(slug("Physics 101 (Lab)"), "physics-101-lab");
    assert.equal(slug("Éducation physique — Niveau 2!"), "education-physique-niveau-2");
    assert.equal(slug("--"), "");
  });

  it("fillTemplate: every placeholder filled, each as often as it is named, or the ones without a value (an empty one counts as none)", () => {
    assert.deepEqual(fillTemplate("{course}-{term}-{kind}", { course: "phy", term: "2027-spring", kind: "final" }), { id: "phy-2027-spring-final" });
    assert.deepEqual(fillTemplate("{course}.{course}", { course: "x" }), { id: "x.x" });
    assert.deepEqual(fillTemplate("{course}-{term}-{kind}", { course: "phy", term: "", kind: "final" }), { missing: ["term"] });
    assert.deepEqual(fillTemplate("{account}-{kind}-{kind}", {}), { missing: ["account", "kind"] });
  });

  it("templateProblem: an unknown placeholder with the nearest known one, or a stray brace; none for a good template", () => {
    assert.equal(templateProblem("{course}-{term}-{kind}"), undefined);
    assert.equal(templateProblem("{acount}-{kind}"), "unknown placeholder {acount}; did you mean {account}? (placeholders: {term}, {course}, {account}, {kind})");
    assert.equal(templateProblem("{course}-{term"), 'has an unmatched brace (got "{course}-{term")');
    assert.equal(templateProblem("{course}}-x"), 'has an unmatched brace (got "{course}}-x")');
  });

  it("examIdPattern matches the template's own text literally: a dot in it is a dot", () => {
    assert.equal(examIdPattern("exam.{kind}").test("exam.final"), true);
    assert.equal(examIdPattern("exam.{kind}").test("examxfinal"), false);
  });
});
