import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import * as path from "node:path";
import { describe, it, before } from "node:test";
import { loadCatalogue } from "pulumi-proctor";
import { REPO_ROOT } from "../../../../scripts/lib/pulumi-stack";
import { pulumiProctor } from "../../../harness/cli";
import { tempFolder } from "../../../harness/temp-folder";

describe("pulumi-proctor lint (provider/cli/lint)", () => {
  // `pulumi-proctor lint`, the built command in a subprocess on real files, as a
  // pre-commit hook runs it. The rest of its tests run it in-process: test/unit/provider/cli/lint.test.ts.

  const folder = tempFolder("lint-test-");
  before(async () => {
    await cp(path.join(REPO_ROOT, "examples", "catalogue", "catalogue.yaml"), path.join(folder.dir, "catalogue.yaml"));
  });

  it("a clean catalogue: exit 0 and one line saying how many exams in how many accounts", async () => {
    const exams = loadCatalogue({ files: "catalogue.yaml" }, folder.dir);
    const accounts = new Set(exams.map((exam) => exam.args.accountId)).size;
    assert.ok(exams.length > 1 && accounts > 1);
    const run = await pulumiProctor(["lint", "catalogue.yaml"], folder.dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `catalogue.yaml: ${exams.length} exams in ${accounts} accounts, no problems\n`);
    assert.equal(run.stderr, "");
  });
});
