import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalogue, type CatalogueFields } from "pulumi-proctor";
import { documentProblem } from "../../../../provider/catalogue/bounds";
import { HANG_MS } from "../../../fixtures/invalid-exams";
import { HOUSE, catalogueFolder } from "../../../harness/catalogue";

describe("provider/catalogue/bounds", () => {
  const folder = catalogueFolder("catalogue-bounds-");
  const { file, problemsOf } = folder;

  // ---- Documents bounded in size and depth ----------------------------------

  /** `levels` lists and mappings, each inside the one before. */
  function nested(levels: number): unknown {
    let node: unknown = "leaf";
    for (let i = 0; i < levels; i++) node = i % 2 === 0 ? [node] : { a: node };
    return node;
  }

  it("an alias bomb of 5 KB is a catalogue error at once, not after minutes and gigabytes", async () => {
    // 200 accounts of 200 courses of 200 exams, each an alias of the one before: 8,000,000 exams.
    const n = 200;
    const more = (name: string) => Array(n - 1).fill(`*${name}`).join(", ");
    const exam = "&exam { examId: x, examName: X }";
    const course = `&course { exams: [${exam}, ${more("exam")}] }`;
    const account = `&account { accountId: "1", courses: [${course}, ${more("course")}] }`;
    const text = `accounts: [${account}, ${more("account")}]\n`;
    assert.ok(text.length > 4_500 && text.length < 6_000, `${text.length} bytes`);
    await file("bomb.yaml", text);
    const started = performance.now();
    const problems = problemsOf({ files: "bomb.yaml" });
    assert.ok(performance.now() - started < HANG_MS, `took ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(problems, [
      "bomb.yaml:1:1: aliases expand to more than 100000 entries (607 written): write shared fields once at a wider level (catalogue, account or course) instead",
    ]);
  });

  it("a JSON or YAML file nested 10,000 deep is a catalogue error naming the file, not a RangeError", async () => {
    await file("deep.json", `${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    await file("deep.yaml", `exams: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    assert.deepEqual(problemsOf({ files: "deep.json" }), ["deep.json (top level): nested deeper than 64 levels"]);
    // Refused on the parser's tokens, before any node is built; at the first list too deep.
    assert.deepEqual(problemsOf({ files: "deep.yaml" }), ["deep.yaml:1:71: nested deeper than 64 levels"]);
  });

  it("64 levels of nesting are read, 65 are not, in a file or in code", async () => {
    // The top-level mapping is the first level: then 63 or 64 lists.
    await file("deep64.yaml", `exams: ${"[".repeat(63)}1${"]".repeat(63)}\n`);
    await file("deep65.yaml", `exams: ${"[".repeat(64)}1${"]".repeat(64)}\n`);
    assert.deepEqual(problemsOf({ files: "deep64.yaml" }), ["deep64.yaml:1:9: exams[0]: an exam must be a mapping of exam fields (got a list)"]);
    assert.deepEqual(problemsOf({ files: "deep65.yaml" }), ["deep65.yaml:1:71: nested deeper than 64 levels"]);
    assert.equal(documentProblem(nested(64)), undefined);
    assert.equal(documentProblem(nested(65)), "nested deeper than 64 levels");
    // A shared value counts at every depth it is used at.
    const shared = nested(60);
    assert.equal(documentProblem([shared, [[[[shared]]]]]), "nested deeper than 64 levels");
  });

  it("a cycle, in a catalogue or defaults given in code, is a catalogue error", () => {
    const catalogue: CatalogueFields & { exams: unknown[] } = { exams: [] };
    catalogue.exams.push(catalogue);
    const defaults: Record<string, unknown> = { rules: {} };
    (defaults.rules as Record<string, unknown>).self = defaults;
    assert.deepEqual(problemsOf({ catalogue: catalogue as CatalogueFields, defaults: defaults as CatalogueFields }), [
      "args.defaults (top level): refers to itself: an alias or shared object contains itself",
      "args.catalogue (top level): refers to itself: an alias or shared object contains itself",
    ]);
  });

  it("aliases may expand a document to 20 times what is written, or to 100,000 entries", () => {
    // 1,000 uses of one list of m: written 1 + 1,000 + m entries (the list's items once), expanded 1 + 1,000 × (1 + m).
    const uses = (m: number) => {
      const list = Array(m).fill("x");
      return Array(1_000).fill(list);
    };
    assert.equal(documentProblem(uses(98)), undefined); // 99,001 entries
    assert.match(documentProblem(uses(99)) ?? "", /^aliases expand to more than 100000 entries \(1100 written\)/); // 100,001
    // Past the floor, 20 times what is written.
    const many = (m: number) => Array(10_000).fill(Array(m).fill("x")) as unknown[];
    assert.equal(documentProblem(many(19)), undefined); // 200,001 ≤ 20 × 10,020
    assert.match(documentProblem(many(20)) ?? "", /^aliases expand to more than 200420 entries \(10021 written\)/); // 210,001
  });

  it("a rules anchor shared by 1,000 exams still loads, and each exam gets its own copy", async () => {
    const exams = Array.from({ length: 1_000 }, (_, i) => `  - { examId: e${i}, examName: Exam ${i}, rules: *strict }`);
    await file(
      "anchors.yaml",
      `${HOUSE.replace("rules: {", "rules: &strict {")}accountId: "1"\naccountName: Science\nexams:\n${exams.join("\n")}\n`,
    );
    const started = performance.now();
    const loaded = loadCatalogue({ files: "anchors.yaml" }, folder.dir);
    assert.ok(performance.now() - started < HANG_MS, `took ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(loaded.length, 1_000);
    for (const exam of loaded) assert.deepEqual(exam.args.rules, { allow_to_use_paper: true, allow_to_use_calculator: false });
    assert.notEqual(loaded[0].args.rules, loaded[1].args.rules);
  });
});
