import assert from "node:assert/strict";
import { mkdir, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator/server";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";
import { pulumiProctor } from "../harness/cli";
import { ProjectCli } from "../harness/package-install";

// Stacks side by side with course-level resources: two stacks of one project share a
// catalogue through Pulumi.yaml's proctor:shares, on one file backend, against one
// integration. A course moves between them as one ExamGroup, with `pulumi state move`
// (the README's recipe with the course's resource name): nothing is sent, nothing closed.
// (test/e2e/examples.test.ts moves a course of Exams, with the example and its workflow.)

const INTEGRATION = { name: "stacks-e2e", secret: "stacks-e2e-secret-4b2e" };
const GROUP = "pulumi-nodejs:dynamic/proctor:ExamGroup";

const CATALOGUE = `schedule: false
proctoring: auto
duration: 60
startDate: "2027-01-11T08:00:00Z"
endDate: "2027-01-29T20:00:00Z"
deletionPolicy: close
accounts:
  - accountId: "100"
    accountName: Science
    share: sciences
    courses:
      - courseName: Physics
        exams: [{ examId: phy-final, examName: Physics final }, { examId: phy-quiz, examName: Physics quiz }]
      - courseName: Chemistry
        exams: [{ examId: che-final, examName: Chemistry final }, { examId: che-lab, examName: Chemistry lab }]
  - accountId: "200"
    accountName: Arts
    share: arts
    courses:
      - courseName: History
        exams: [{ examId: his-final, examName: History final }]
`;

let emulator: Emulator;
let project: string;
let cli: ProjectCli;

describe("course-level stacks side by side, end to end", () => {
  before(async () => {
    emulator = await startEmulator({ integrations: [INTEGRATION] });
    project = path.join(REPO_ROOT, "dist", "e2e-projects", `stacks-${process.pid}`);
    await mkdir(project, { recursive: true });
    const main = path.relative(project, path.join(REPO_ROOT, "dist", "scripts", "lib", "programs", "catalogue", "index.js"));
    await writeFile(
      path.join(project, "Pulumi.yaml"),
      `name: stacks-e2e
runtime: nodejs
main: ${main}
config:
  proctor:url: ${emulator.url}
  proctor:integrationName: ${INTEGRATION.name}
  proctor:shares:
    value: { sciences: sciences, arts: arts }
`,
    );
    await writeFile(path.join(project, "catalogue.yaml"), CATALOGUE);
    cli = await ProjectCli.create(project, {
      E2E_CATALOGUE_FILE: path.join(project, "catalogue.yaml"),
      E2E_CATALOGUE_NAME: "university",
      E2E_CATALOGUE_GRANULARITY: "course",
      PROCTOR_JWT_SECRET: INTEGRATION.secret,
    });
    for (const stack of ["sciences", "arts"]) await cli.mustRun(["stack", "init", stack]);
  });

  after(async () => {
    await emulator?.close();
    await rm(project, { recursive: true, force: true });
    await cli?.cleanup();
  });

  const up = (stack: string) => cli.mustRun(["up", "--yes", "--skip-preview", "--stack", stack]);

  /** The URNs of a stack's course resources. */
  async function groups(stack: string): Promise<string[]> {
    const exported = JSON.parse((await cli.mustRun(["stack", "export", "--stack", stack])).stdout) as { deployment: { resources: { type: string; urn: string }[] } };
    return exported.deployment.resources.filter((r) => r.type === GROUP).map((r) => r.urn).sort();
  }

  it("course-level stacks side by side: each stack upserts its share's exams; a course moved with pulumi state move sends nothing and closes nothing", async () => {
    await Promise.all([up("sciences"), up("arts")]);
    assert.deepEqual(emulator.exams().map((e) => e.examId).sort(), ["che-final", "che-lab", "his-final", "phy-final", "phy-quiz"]);
    assert.equal(emulator.requests().length, 5, "each exam sent once, by one stack");
    const course = (stack: string, name: string) => `urn:pulumi:${stack}::stacks-e2e::proctor:index:Catalogue$${GROUP}::university-${name}`;
    assert.deepEqual(await groups("sciences"), [course("sciences", "100-Chemistry"), course("sciences", "100-Physics")]);

    // Chemistry goes to the arts stack: its share in the catalogue, its one resource by state move.
    await writeFile(path.join(project, "catalogue.yaml"), CATALOGUE.replace("      - courseName: Chemistry\n", "      - courseName: Chemistry\n        share: arts\n"));
    const partition = await pulumiProctor(["lint", "--stacks", "catalogue.yaml"], project);
    assert.equal(partition.code, 0, partition.stdout + partition.stderr);
    assert.match(partition.stdout, /5 exams in 2 stacks, each exam in exactly one: arts \(arts: 3 exams\), sciences \(sciences: 2 exams\)/);
    await cli.mustRun(["state", "move", "--source", "sciences", "--dest", "arts", "--yes", course("sciences", "100-Chemistry")]);
    const before = emulator.exams();
    await Promise.all([up("sciences"), up("arts")]);
    assert.equal(emulator.requests().length, 5, "moving a course sent requests");
    assert.deepEqual(emulator.exams(), before, "an exam changed or closed");
    // Under the arts stack's Catalogue again, where its program declares it.
    assert.deepEqual(await groups("arts"), [course("arts", "100-Chemistry"), course("arts", "200-History")]);
    assert.deepEqual(await groups("sciences"), [course("sciences", "100-Physics")]);
  });
});
