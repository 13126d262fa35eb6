import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020";
import { readCatalogueFile } from "../../../../provider/catalogue/file";
import { validateExam } from "../../../../provider/exam/schema";
import { validExam } from "../../../../scripts/lib/exams";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { SCHEMA_FILE, renderSchema } from "../../../../scripts/schema/main";

describe("provider/catalogue/json-schema", () => {
  // The JSON Schema editors use for catalogue files: generated from the zod
  // schemas by the build, checked here with a real validator against the files we ship.

  const SCHEMA_COMMENT = "# yaml-language-server: $schema=./node_modules/pulumi-proctor/schema/catalogue.schema.json";

  /** Every catalogue file of examples/ and the template: YAML files other than Pulumi's own. */
  function exampleCatalogues(): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
        else if (/\.ya?ml$/.test(entry.name) && !entry.name.startsWith("Pulumi.") && !full.includes(`${path.sep}ci${path.sep}`)) found.push(full);
      }
    };
    walk(path.join(REPO_ROOT, "examples"));
    walk(path.join(REPO_ROOT, "templates", "catalogue"));
    return found.sort();
  }

  function documentOf(file: string): unknown {
    const read = readCatalogueFile(file, REPO_ROOT);
    assert.ok(!Array.isArray(read), `${file}: ${JSON.stringify(read)}`);
    return read.document;
  }

  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  // Strict: a keyword JSON Schema does not know fails here. Formats (a URL's) are
  // hints for editors; dates are a pattern, which is checked.
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);

  function errorsOf(document: unknown): ErrorObject[] {
    return validate(document) ? [] : (validate.errors ?? []);
  }

  it("the shipped schema is the one the zod schemas give today (the build regenerates it)", () => {
    assert.equal(readFileSync(SCHEMA_FILE, "utf8"), renderSchema());
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  });

  it("every example catalogue names the schema on its first line and is valid against it", () => {
    const files = exampleCatalogues();
    assert.ok(files.length >= 3, files.join(", "));
    for (const file of files) {
      assert.equal(readFileSync(file, "utf8").split("\n")[0], SCHEMA_COMMENT, `${file} does not reference the schema`);
      assert.deepEqual(errorsOf(documentOf(file)), [], file);
    }
  });

  it("a misspelled key and a value of the wrong type are flagged where they are written", () => {
    const document = documentOf(path.join(REPO_ROOT, "examples", "catalogue", "catalogue.yaml")) as {
      duration: unknown;
      accounts: { courses: { exams: Record<string, unknown>[] }[] }[];
    };
    document.accounts[0].courses[0].exams[0].duraton = 60;
    document.duration = "90";
    const errors = errorsOf(document).map((e) => [e.instancePath, e.keyword, e.params.additionalProperty ?? e.params.type]);
    assert.ok(
      errors.some(([at, keyword, key]) => at === "/accounts/0/courses/0/exams/0" && keyword === "additionalProperties" && key === "duraton"),
      JSON.stringify(errors),
    );
    assert.ok(errors.some(([at, keyword, type]) => at === "/duration" && keyword === "type" && type === "integer"), JSON.stringify(errors));
    assert.deepEqual(errorsOf([{ examId: "x", rules: { allow_to_use_papr: true } }]).map((e) => [e.instancePath, e.params.additionalProperty]).filter(([, key]) => key), [
      ["/0/rules", "allow_to_use_papr"],
    ]);
  });

  it("fields carry the schema's descriptions and defaults, for editors to show, and no preview-only value", () => {
    const text = readFileSync(SCHEMA_FILE, "utf8");
    const catalogue = (schema.anyOf as { type: string; properties: Record<string, { description?: string; default?: unknown; properties?: Record<string, { default?: unknown }> }> }[]).find((s) => s.type === "object")!;
    assert.match(catalogue.properties.examId.description ?? "", /upsert key/);
    assert.match(catalogue.properties.proctoring.description ?? "", /live proctor/);
    assert.equal(catalogue.properties.rules.properties?.allow_to_use_paper.default, true);
    for (const key of ["presets", "preset", "term", "examIdTemplate"]) assert.ok(catalogue.properties[key]?.description, `${key} has no description`);
    assert.ok(!text.includes("04da6b54"), "the preview sentinel is not a value anyone writes");
  });

  it("the editor accepts every date the check accepts, and flags the ones it refuses for their shape", () => {
    // A bare list of exams; the top level's own "not an object" branch is left out.
    const exam = (startDate: string) => [{ examId: "x", startDate }];
    const errorsIn = (document: unknown) => errorsOf(document).filter((e) => e.instancePath !== "");
    for (const date of ["2027-01-10T09:00:00Z", "2027-01-10T09:00:00+03:00", "2027-01-10T09:00:00+0300", "2027-01-10T09:00:00.250-05:30"]) {
      assert.equal(validateExam({ ...validExam(), startDate: date, endDate: "2099-01-01T00:00:00Z" }).ok, true, date);
      assert.deepEqual(errorsIn(exam(date)), [], date);
    }
    for (const date of ["2027-01-10T09:00:00", "2027-01-10 09:00:00Z", "2027-01-10T09:00Z", "10.01.2027"]) {
      assert.equal(validateExam({ ...validExam(), startDate: date }).ok, false, date);
      assert.deepEqual(errorsIn(exam(date)).map((e) => [e.instancePath, e.keyword]), [["/0/startDate", "pattern"]], date);
    }
  });
});
