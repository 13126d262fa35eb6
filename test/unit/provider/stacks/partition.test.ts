import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogueExam } from "../../../../provider/catalogue/resolve";
import { checkPartition } from "../../../../provider/stacks/partition";
import { ENCRYPTED, type ConfigValue, type Project } from "../../../../provider/stacks/stack-files";

// Do a project's stacks, as their files say, declare each exam of the catalogue exactly once
// per integration? The files are given here as read (test/integration/provider/cli/lint-stacks.test.ts
// runs `pulumi-proctor lint --stacks` on real ones).

describe("provider/stacks/partition", () => {
  /** Exams by share: `{ sciences: ["phy-1"] }`; the share "" for exams in none. */
  function catalogue(shares: Record<string, string[]>): CatalogueExam[] {
    return Object.entries(shares).flatMap(([share, ids]) =>
      ids.map((examId, i) => ({ examId, args: { examId }, ...(share !== "" && { share }), source: { file: "catalogue.yaml", path: `exams[${i}]` } }) as unknown as CatalogueExam),
    );
  }

  const config = (file: string, values: Record<string, unknown>) => new Map<string, ConfigValue>(Object.entries(values).map(([key, value]) => [key, { value, file }]));

  /** A project whose Pulumi.yaml sends to one integration and maps stacks to shares; each stack's own config on top. */
  function project(shares: unknown, stacks: Record<string, Record<string, unknown>>): Project {
    const common = { "proctor:url": "https://proctor.example.org", "proctor:integrationName": "lms", ...(shares !== undefined && { "proctor:shares": shares }) };
    return {
      file: "Pulumi.yaml",
      stackDir: ".",
      config: config("Pulumi.yaml", common),
      stacks: Object.entries(stacks).map(([stack, own]) => ({
        stack,
        file: `Pulumi.${stack}.yaml`,
        config: new Map([...config("Pulumi.yaml", common), ...config(`Pulumi.${stack}.yaml`, own)]),
      })),
    };
  }

  const EXAMS = catalogue({ sciences: ["phy-1", "che-1"], humanities: ["his-1"] });

  it("stacks whose shares partition the catalogue: no problem, one deployment with each stack's share and count", () => {
    const report = checkPartition(EXAMS, project({ sciences: "sciences", humanities: "humanities" }, { sciences: {}, humanities: {} }));
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.deployments, [
      {
        place: 'integration "lms" at https://proctor.example.org',
        exams: 3,
        stacks: [
          { stack: "sciences", share: ["sciences"], exams: 2 },
          { stack: "humanities", share: ["humanities"], exams: 1 },
        ],
        differing: [],
      },
    ]);
  });

  it("a stack at another integration may declare the whole catalogue: it is a deployment of its own", () => {
    const report = checkPartition(
      EXAMS,
      project({ sciences: "sciences", humanities: "humanities", staging: "*" }, { sciences: {}, humanities: {}, staging: { "proctor:url": "https://staging.example.org" } }),
    );
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.deployments.map((d) => [d.place, d.exams, d.stacks.map((s) => s.stack)]), [
      ['integration "lms" at https://proctor.example.org', 3, ["sciences", "humanities"]],
      ['integration "lms" at https://staging.example.org', 3, ["staging"]],
    ]);
  });

  it("two stacks that send one exam to one integration overlap; the fix names the stack that declares the whole catalogue", () => {
    const report = checkPartition(EXAMS, project({ sciences: "sciences", humanities: "humanities", all: "*" }, { sciences: {}, humanities: {}, all: {} }));
    assert.deepEqual(report.problems, [
      'Pulumi.sciences.yaml, Pulumi.all.yaml: 2 exams (phy-1, che-1) are declared by sciences (sciences) and all (the whole catalogue), which send them to integration "lms" at https://proctor.example.org: each stack would overwrite the other\'s, and a close by either ends them for both; give all an entry of shares in proctor:shares',
      'Pulumi.humanities.yaml, Pulumi.all.yaml: 1 exam (his-1) is declared by humanities (humanities) and all (the whole catalogue), which send it to integration "lms" at https://proctor.example.org: each stack would overwrite the other\'s, and a close by either ends it for both; give all an entry of shares in proctor:shares',
    ]);
  });

  it("exams no stack of a deployment declares are named by share, or as in no share", () => {
    const report = checkPartition(catalogue({ sciences: ["phy-1"], humanities: ["his-1"], "": ["odd-1"] }), project({ sciences: "sciences" }, { sciences: {} }));
    assert.deepEqual(report.problems, [
      'integration "lms" at https://proctor.example.org: 1 exam of share "humanities" (his-1) is declared by none of its stacks (sciences: sciences): add "humanities" to one stack\'s entry in proctor:shares',
      'integration "lms" at https://proctor.example.org: 1 exam in no share (odd-1) is declared by none of its stacks (sciences: sciences): write `share:` on them, their course or their account',
    ]);
  });

  it("a stack's own mistake (an encrypted map) is the only problem reported: no comparison of stacks is made from it", () => {
    const encrypted = project(undefined, { sciences: { "proctor:shares": ENCRYPTED }, humanities: { "proctor:shares": ENCRYPTED } });
    const report = checkPartition(EXAMS, encrypted);
    assert.deepEqual(report.problems, [
      "Pulumi.sciences.yaml: proctor:shares: is encrypted; which exams a stack declares is no secret, and every reviewer must see it",
      "Pulumi.humanities.yaml: proctor:shares: is encrypted; which exams a stack declares is no secret, and every reviewer must see it",
    ]);
    assert.deepEqual(report.deployments, []);
  });

  it("config that differs between the stacks of one deployment is listed, encrypted values alike everywhere are not", () => {
    const report = checkPartition(
      EXAMS,
      project({ sciences: "sciences", humanities: "humanities" }, { sciences: { "proctor:concurrency": "4", "proctor:jwtSecret": ENCRYPTED }, humanities: { "proctor:jwtSecret": ENCRYPTED } }),
    );
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.deployments[0].differing, ["proctor:concurrency"]);
  });
});
