import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Emulator } from "../../emulator/server";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";
import { CatalogueStack, OUR_STACK_TRACE } from "../harness/exam-stack";

// A catalogue mistake must stop `pulumi preview` with every problem named, before
// any request: here a duplicate examId, an unknown key and an impossible date,
// each at the line and column where it is written.
const INTEGRATION = { name: "catalogue-e2e", secret: "catalogue-e2e-secret" };

let catalogue: CatalogueStack;
let emulator: Emulator;
let stack: PulumiStack;
let dir: string;

describe("catalogue mistakes stop preview, end to end", () => {
  before(async () => {
    catalogue = await CatalogueStack.create(INTEGRATION);
    ({ emulator, stack, dir } = catalogue);
    await catalogue.write(
      `schedule: false
proctoring: auto
duration: 60
startDate: "2027-01-11T08:00:00Z"
endDate: "2027-01-29T20:00:00Z"
accounts:
  - accountId: "100"
    accountName: Science
    courses:
      - courseName: Physics
        exams:
          - { examId: phy-final, examName: Physics final }
          - { examId: phy-final, examName: Physics final again }
          - { examId: phy-quiz, examName: Physics quiz, durration: 30 }
          - { examId: phy-lab, examName: Physics lab, endDate: "2027-02-30T12:00:00Z" }
`,
    );
  });

  after(async () => {
    await catalogue?.cleanup();
  });

  it("a catalogue with a duplicate examId, an unknown key and a bad date fails preview naming all three; Proctor receives nothing", async () => {
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    const { file } = catalogue;
    assert.match(preview.output, /the exam catalogue has 3 problems; no exam was declared and nothing was sent to Proctor/);
    assert.ok(
      preview.output.includes(
        `${file}:13:23: accounts[0].courses[0].exams[1] (examId "phy-final"): examId: "phy-final" is declared twice; the first is at ${file}:12:13 accounts[0].courses[0].exams[0]`,
      ),
      preview.output,
    );
    assert.ok(preview.output.includes(`${file}:14:57: accounts[0].courses[0].exams[2] (examId "phy-quiz"): durration: unknown key; did you mean "duration"?`), preview.output);
    assert.ok(
      preview.output.includes(`${file}:15:64: accounts[0].courses[0].exams[3] (examId "phy-lab"): endDate: has day 30, outside 1–28`),
      preview.output,
    );
    // The list is the whole message: no stack trace of the package's internals.
    assert.doesNotMatch(preview.output, /\bat .*catalogue-resolve|unhandled exception/);
    assert.deepEqual(emulator.requests(), []);
    assert.deepEqual(await stack.resources(), []);
  });

  it("a JavaScript program's unknown Catalogue argument (file: for files:) fails preview naming it and the nearest known one; Proctor receives nothing", async () => {
    const valid = path.join(dir, "valid.yaml");
    await writeFile(valid, `accountId: "100"\naccountName: Science\nschedule: false\nproctoring: auto\nduration: 60\nstartDate: "2027-01-11T08:00:00Z"\nendDate: "2027-01-29T20:00:00Z"\nexams: [{ examId: js-final, examName: Final }]\n`);
    // Plain JavaScript, no compiler between the typo and the package.
    const typo = await PulumiStack.create({
      runtime: "{ name: nodejs, options: { typescript: false } }",
      files: {
        // Its own package.json: without one, the runtime would take the repository's as the program's.
        "package.json": JSON.stringify({ name: "js-catalogue-typo", main: "index.js" }),
        "index.js": `const { Catalogue } = require("pulumi-proctor");\nnew Catalogue("uni", { file: ${JSON.stringify(valid)} });\n`,
      },
      config: { "proctor:url": emulator.url, "proctor:integrationName": INTEGRATION.name },
      secrets: { "proctor:jwtSecret": INTEGRATION.secret },
    });
    try {
      const preview = await typo.preview();
      assert.notEqual(preview.code, 0, preview.output);
      assert.ok(preview.output.includes('new Catalogue("uni") args: file: unknown key; did you mean "files"?'), preview.output);
      assert.match(preview.output, /no exam was declared and nothing was sent to Proctor/);
      assert.doesNotMatch(preview.output, OUR_STACK_TRACE);
      assert.deepEqual(emulator.requests(), []);
      assert.deepEqual(await typo.resources(), []);
    } finally {
      await typo.cleanup();
    }
  });
});
