import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue, CatalogueError, type CatalogueArgs, type CatalogueSources } from "pulumi-proctor";
import { HOUSE, catalogueFolder, registered, type Registered } from "../../../harness/catalogue";

describe("provider/catalogue/args", () => {
  // Pulumi's mocks stand in for the engine: they are set before each declaration (test/harness/catalogue.ts).
  const folder = catalogueFolder("catalogue-args-");
  const { file, problemsOf } = folder;

  // ---- The Catalogue's own arguments ------------------------------------------

  /** What `new Catalogue(name, args)` throws, and what it registered first, for arguments a JavaScript program may pass. */
  async function refusedArgs(args: unknown): Promise<{ message: string; resources: Registered[] }> {
    let thrown: unknown;
    const { resources } = await registered(() => {
      try {
        new Catalogue("uni", args as CatalogueArgs);
      } catch (error) {
        thrown = error;
      }
    });
    assert.ok(thrown instanceof CatalogueError, `expected a CatalogueError, got ${String(thrown)}`);
    assert.ok(pulumi.RunError.isInstance(thrown), "Pulumi prints a RunError's message without a stack trace");
    return { message: thrown.message, resources };
  }

  it("an unknown Catalogue argument (a typo a JavaScript program can make) is an error naming it and the nearest known one; nothing is registered", async () => {
    const yaml = await file("typo.yaml", `${HOUSE}\naccountId: "1"\naccountName: A\nexams: [{ examId: typo-1, examName: T }]\n`);
    const { message, resources } = await refusedArgs({ file: yaml });
    assert.equal(
      message,
      'the exam catalogue has 1 problem; no exam was declared and nothing was sent to Proctor:\n  - new Catalogue("uni") args: file: unknown key; did you mean "files"?',
    );
    assert.deepEqual(resources, []);
    // A key like no known one lists what the Catalogue takes.
    assert.match((await refusedArgs({ files: yaml, sharding: true })).message, /args: sharding: unknown key; allowed keys are files, catalogue, defaults, granularity, examOptions, groupOptions/);
  });

  it("Catalogue arguments of the wrong type are each named, all at once", async () => {
    const { message } = await refusedArgs({ files: 5, defaults: "online", granularity: "courses", examOptions: { protect: true }, exams: [] });
    assert.deepEqual(message.split("\n").slice(1), [
      '  - new Catalogue("uni") args: files: must be a file path or a list of file paths (got 5)',
      '  - new Catalogue("uni") args: defaults: must be a mapping of exam fields (got "online")',
      '  - new Catalogue("uni") args: granularity: must be "exam", "course" or "account" (got "courses")',
      '  - new Catalogue("uni") args: examOptions: must be a function of the exam that returns resource options (got an object)',
      '  - new Catalogue("uni") args: exams: unknown key; allowed keys are files, catalogue, defaults, granularity, examOptions, groupOptions',
    ]);
    assert.match((await refusedArgs(undefined)).message, /new Catalogue\("uni"\) args: must be an object with files and\/or catalogue \(got undefined\)/);
  });

  it("loadCatalogue checks its sources the same way", () => {
    assert.deepEqual(problemsOf({ file: "catalogue.yaml" } as unknown as CatalogueSources), ['loadCatalogue() sources: file: unknown key; did you mean "files"?']);
  });
});
