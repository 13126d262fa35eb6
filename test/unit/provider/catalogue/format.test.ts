import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogueSchema, LEVEL_CHILDREN, levelSchema, levelSettings, NOT_IN_PRESETS } from "../../../../provider/catalogue/format";
import { examSchema } from "../../../../provider/exam/schema";

// The shape of a catalogue: which keys each level takes. (The JSON Schema read off it is json-schema.test.ts's;
// the messages a user sees for a misplaced key are resolve.ts's.)
describe("provider/catalogue/format", () => {
  const accepts = (document: unknown) => catalogueSchema().safeParse(document).success;

  it("each level takes its own settings besides exam fields: the catalogue its term, template and presets; an exam its kind", () => {
    assert.deepEqual(levelSettings("catalogue"), ["preset", "share", "term", "examIdTemplate", "presets"]);
    assert.deepEqual(levelSettings("account"), ["preset", "share"]);
    assert.deepEqual(levelSettings("course"), ["preset", "share"]);
    assert.deepEqual(levelSettings("exam"), ["preset", "share", "kind"]);
    for (const kind of ["catalogue", "account", "course", "exam"] as const) {
      const keys = Object.keys(levelSchema(kind).shape);
      for (const field of Object.keys(examSchema().shape)) assert.ok(keys.includes(field), `${kind} does not take ${field}`);
      for (const list of Object.keys(LEVEL_CHILDREN[kind])) assert.ok(keys.includes(list), `${kind} does not take ${list}`);
    }
  });

  it("a document is a catalogue or a bare list of exams; accounts hold courses, courses hold exams, and no other nesting", () => {
    assert.ok(accepts([{ examId: "a" }, { examId: "b", duration: 60 }]));
    assert.ok(accepts({ duration: 60, accounts: [{ accountId: "1", courses: [{ courseName: "Physics", exams: [{ examId: "a" }] }], exams: [{ examId: "b" }] }], exams: [{ examId: "c" }] }));
    for (const wrong of [
      { accounts: [{ accounts: [] }] },
      { accounts: [{ courses: [{ courses: [] }] }] },
      { courses: [] },
      { exams: [{ examId: "a", exams: [] }] },
      { accounts: [{ term: "2026" }] },
      { exams: [{ examIdTemplate: "{course}" }] },
      { accounts: [{ courses: [{ kind: "final" }] }] },
      [{ examId: "a", duraton: 60 }],
    ]) {
      assert.equal(accepts(wrong), false, JSON.stringify(wrong));
    }
  });

  it("a preset refuses every key NOT_IN_PRESETS gives a reason for, and takes the exam fields that are not one exam's own", () => {
    for (const key of Object.keys(NOT_IN_PRESETS)) {
      assert.equal(accepts({ presets: { p: { [key]: key === "examId" || key === "accountId" ? "x" : [] } } }), false, key);
    }
    assert.ok(accepts({ presets: { long: { duration: 180, rules: { allow_to_use_books: true } } }, exams: [{ examId: "a", preset: "long" }] }));
    assert.equal(accepts({ presets: { "": { duration: 1 } } }), false, "a preset needs a name");
  });

  it("term, share and kind are codes: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, the value quoted when refused", () => {
    const catalogue = levelSchema("catalogue");
    for (const term of ["2026-autumn", "a", "A.b_c-9", "x".repeat(64)]) assert.ok(catalogue.safeParse({ term }).success, term);
    for (const term of ["", "-2026", "2026 autumn", "x".repeat(65), "é"]) {
      const parsed = catalogue.safeParse({ term });
      assert.equal(parsed.success, false, term);
    }
    const refused = catalogue.safeParse({ share: "two words" });
    assert.equal(refused.error?.issues[0].message, 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got "two words")');
    assert.equal(levelSchema("exam").safeParse({ kind: "mid/term" }).success, false);
  });
});
