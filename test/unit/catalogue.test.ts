import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Catalogue, CatalogueError, examResourceName, loadCatalogue, type CatalogueArgs, type CatalogueFields, type CatalogueSources } from "pulumi-proctor";
import { documentProblem } from "../../provider/catalogue/bounds";
import { readCatalogueFile } from "../../provider/catalogue/file";
import { HANG_MS } from "../fixtures/invalid-exams";

// Unit tests of the catalogue: merging, checks and resource naming, without the
// CLI (Pulumi's mocks stand in for the engine where resources are declared).

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "catalogue-test-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text);
  return full;
}

/** The problems of a catalogue that must fail, one line each, as the user reads them. */
function problemsOf(sources: CatalogueSources): string[] {
  try {
    loadCatalogue(sources, dir);
  } catch (error) {
    assert.ok(error instanceof CatalogueError, `expected a CatalogueError, got ${String(error)}`);
    return error.message.split("\n").slice(1).map((line) => line.replace(/^ {2}- /, ""));
  }
  assert.fail("the catalogue was accepted");
}

const HOUSE = `
schedule: false
proctoring: auto
duration: 90
startDate: "2027-01-11T08:00:00Z"
endDate: "2027-01-29T20:00:00Z"
rules: { allow_to_use_paper: true, allow_to_use_calculator: false }
scoreConfig: { cheaterLevel: 80 }
`;

test("each level's fields apply below it, the nearest wins, and sections merge key by key", async () => {
  const yaml = await file(
    "levels.yaml",
    `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    proctoring: online
    courses:
      - courseName: Physics
        rules: { allow_to_use_calculator: true }
        exams:
          - examId: phy-final
            examName: Physics final
            duration: 120
            scoreConfig: { phone: 2.5 }
          - examId: phy-quiz
            examName: Physics quiz
            proctoring: offline
`,
  );
  const exams = loadCatalogue({ files: yaml }, dir);
  assert.deepEqual(
    exams.map((e) => [e.examId, e.source.path]),
    [
      ["phy-final", "accounts[0].courses[0].exams[0]"],
      ["phy-quiz", "accounts[0].courses[0].exams[1]"],
    ],
  );
  assert.deepEqual(exams[0].args, {
    schedule: false,
    proctoring: "online",
    duration: 120,
    startDate: "2027-01-11T08:00:00Z",
    endDate: "2027-01-29T20:00:00Z",
    rules: { allow_to_use_paper: true, allow_to_use_calculator: true },
    scoreConfig: { cheaterLevel: 80, phone: 2.5 },
    accountId: "100",
    accountName: "Science",
    courseName: "Physics",
    examId: "phy-final",
    examName: "Physics final",
  });
  assert.equal(exams[1].args.proctoring, "offline");
  assert.equal(exams[1].args.duration, 90);
  assert.deepEqual(exams[1].args.scoreConfig, { cheaterLevel: 80 });
});

test("a duplicate examId, unknown keys and schema errors are all reported in one error, with file:line:column, entry and field", async () => {
  const yaml = await file(
    "bad.yaml",
    `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    coursez:
      - courseName: Unreachable
    courses:
      - courseName: Physics
        duraton: 60
        exams:
          - examId: phy-final
            examName: Physics final
          - examId: phy-final
            examName: Physics final, again
            startDate: "2027-13-01T00:00:00Z"
          - examId: phy-quiz
            examName: Physics quiz
            rules: { allow_to_use_papr: false }
`,
  );
  assert.deepEqual(problemsOf({ files: "bad.yaml" }), [
    'bad.yaml:13:5: accounts[0]: coursez: unknown key; did you mean "courses"?',
    'bad.yaml:17:9: accounts[0].courses[0]: duraton: unknown key; did you mean "duration"?',
    'bad.yaml:21:21: accounts[0].courses[0].exams[1] (examId "phy-final"): examId: "phy-final" is declared twice; the first is at bad.yaml:19:13 accounts[0].courses[0].exams[0]',
    'bad.yaml:23:24: accounts[0].courses[0].exams[1] (examId "phy-final"): startDate: has month 13, outside 1–12 (got "2027-13-01T00:00:00Z")',
    'bad.yaml:26:22: accounts[0].courses[0].exams[2] (examId "phy-quiz"): rules.allow_to_use_papr: unknown key; did you mean "allow_to_use_paper"?',
  ]);
  assert.ok(yaml.endsWith("bad.yaml"));
});

test("a bad default is reported once, where it is written, with the number of exams that inherit it", async () => {
  await file(
    "inherited.yaml",
    `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    identification: fingerprint
    exams:
      - { examId: a, examName: A }
      - { examId: b, examName: B }
      - { examId: c, examName: C, identification: face }
`,
  );
  assert.deepEqual(problemsOf({ files: "inherited.yaml" }), [
    "inherited.yaml:13:21: accounts[0]: identification: must be one of passport, face, face_and_passport, skip (got \"fingerprint\") [inherited by 2 exams]",
  ]);
});

test("ids keep their spelling: only plain decimals are numbers in a catalogue file", async () => {
  await file(
    "ids.yaml",
    `${HOUSE}
accountName: Science
exams:
  - { examId: 00123, accountId: 0x1F, examName: Leading zeros }
  - { examId: 124, accountId: 7, examName: Plain number }
`,
  );
  const exams = loadCatalogue({ files: "ids.yaml" }, dir);
  assert.deepEqual(
    exams.map((e) => [e.examId, e.args.accountId, e.args.startDate]),
    [
      ["00123", "0x1F", "2027-01-11T08:00:00Z"],
      ["124", 7, "2027-01-11T08:00:00Z"],
    ],
  );
});

test("files, a JSON list of exams and a catalogue in code combine; a duplicate across them names both places", async () => {
  await file(
    "export.json",
    JSON.stringify([{ examId: "lms-1", examName: "From the LMS", accountId: "9", accountName: "LMS", startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-12T08:00:00Z" }]),
  );
  const fromCode: CatalogueFields = { examId: "code-1", examName: "From code", accountId: "9", accountName: "Code", startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-12T08:00:00Z" };
  const defaults: CatalogueFields = { schedule: true, proctoring: "offline", duration: 60 };
  const exams = loadCatalogue({ files: ["export.json"], catalogue: { exams: [fromCode] }, defaults }, dir);
  assert.deepEqual(exams.map((e) => [e.examId, e.source.file, e.args.proctoring]), [
    ["lms-1", "export.json", "offline"],
    ["code-1", "args.catalogue", "offline"],
  ]);
  assert.deepEqual(problemsOf({ files: ["export.json"], catalogue: [{ ...fromCode, examId: "lms-1" }], defaults: { ...defaults, trail: true } as CatalogueFields }), [
    'args.defaults (top level): trail: unknown key; did you mean "trial"?',
    'args.catalogue [0] (examId "lms-1"): examId: "lms-1" is declared twice; the first is at export.json [0]',
  ]);
});

test("in code, a field left undefined keeps the wider level's value instead of erasing it", () => {
  const trialFromConfig: boolean | undefined = undefined; // e.g. config.getBoolean("trial") on a stack without it
  const [exam] = loadCatalogue({
    defaults: { trial: trialFromConfig },
    catalogue: {
      trial: true,
      accountId: "1", accountName: "A", schedule: false, proctoring: "auto", duration: 60,
      startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-12T08:00:00Z",
      exams: [{ examId: "x", examName: "X", courseName: undefined }],
    },
  });
  assert.equal(exam.args.trial, true);
  assert.ok(!("courseName" in exam.args));
});

test("a missing file and every YAML syntax error are reported with the rest, each error at its line and column", async () => {
  await file("broken.yaml", "exams:\n  - examId: a\n   examName: misaligned\n  - { examId: b, examId: c }\n");
  assert.deepEqual(problemsOf({ files: ["missing.yaml", "broken.yaml"] }), [
    `missing.yaml (top level): file not found (resolved from ${dir})`,
    "broken.yaml:3:1: not valid YAML: Sequence item without - indicator",
    "broken.yaml:4:18: not valid YAML: Map keys must be unique",
  ]);
});

test("yes, no, dates, 0x1F and 1e3 stay text; only YAML 1.2's true/false and plain decimals are not", async () => {
  await file("scalars.yaml", "- { a: yes, b: no, c: 2027-01-11, d: 0x1F, e: 1e3, f: True, g: -1.5, h: ~, i: '12' }\n");
  const read = readCatalogueFile("scalars.yaml", dir);
  assert.ok(!Array.isArray(read));
  assert.deepEqual(read.document, [{ a: "yes", b: "no", c: "2027-01-11", d: "0x1F", e: "1e3", f: true, g: -1.5, h: null, i: "12" }]);
  await file("tagged.yaml", "- { examId: !!int 0x1F }\n");
  assert.deepEqual(problemsOf({ files: "tagged.yaml" }), ["tagged.yaml:1:13: not valid YAML: Unresolved tag: tag:yaml.org,2002:int"]);
});

// ---- Documents bounded in size and depth ----------------------------------

/** `levels` lists and mappings, each inside the one before. */
function nested(levels: number): unknown {
  let node: unknown = "leaf";
  for (let i = 0; i < levels; i++) node = i % 2 === 0 ? [node] : { a: node };
  return node;
}

test("an alias bomb of 5 KB is a catalogue error at once, not after minutes and gigabytes", async () => {
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

test("a JSON or YAML file nested 10,000 deep is a catalogue error naming the file, not a RangeError", async () => {
  await file("deep.json", `${"[".repeat(10_000)}${"]".repeat(10_000)}`);
  await file("deep.yaml", `exams: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
  assert.deepEqual(problemsOf({ files: "deep.json" }), ["deep.json (top level): nested deeper than 64 levels"]);
  // Refused on the parser's tokens, before any node is built; at the first list too deep.
  assert.deepEqual(problemsOf({ files: "deep.yaml" }), ["deep.yaml:1:71: nested deeper than 64 levels"]);
});

test("64 levels of nesting are read, 65 are not, in a file or in code", async () => {
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

test("a cycle, in a catalogue or defaults given in code, is a catalogue error", () => {
  const catalogue: CatalogueFields & { exams: unknown[] } = { exams: [] };
  catalogue.exams.push(catalogue);
  const defaults: Record<string, unknown> = { rules: {} };
  (defaults.rules as Record<string, unknown>).self = defaults;
  assert.deepEqual(problemsOf({ catalogue: catalogue as CatalogueFields, defaults: defaults as CatalogueFields }), [
    "args.defaults (top level): refers to itself: an alias or shared object contains itself",
    "args.catalogue (top level): refers to itself: an alias or shared object contains itself",
  ]);
});

test("aliases may expand a document to 20 times what is written, or to 100,000 entries", () => {
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

test("a rules anchor shared by 1,000 exams still loads, and each exam gets its own copy", async () => {
  const exams = Array.from({ length: 1_000 }, (_, i) => `  - { examId: e${i}, examName: Exam ${i}, rules: *strict }`);
  await file(
    "anchors.yaml",
    `${HOUSE.replace("rules: {", "rules: &strict {")}accountId: "1"\naccountName: Science\nexams:\n${exams.join("\n")}\n`,
  );
  const started = performance.now();
  const loaded = loadCatalogue({ files: "anchors.yaml" }, dir);
  assert.ok(performance.now() - started < HANG_MS, `took ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(loaded.length, 1_000);
  for (const exam of loaded) assert.deepEqual(exam.args.rules, { allow_to_use_paper: true, allow_to_use_calculator: false });
  assert.notEqual(loaded[0].args.rules, loaded[1].args.rules);
});

// ---- Declaring resources (Pulumi's mocks in place of the engine) -----------

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Runs `declare` under mocks and returns what it registered, with each exam's URN. */
async function registered(declare: () => Catalogue | void): Promise<{ resources: Registered[]; urns: Map<string, string> }> {
  const resources: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: args.custom ? String(args.inputs.examId) : undefined, state: args.inputs };
      },
      call: () => ({}),
    },
    "catalogue",
    "test",
    true,
  );
  const catalogue = declare();
  const urns = new Map<string, string>();
  if (catalogue) {
    for (const [examId, exam] of Object.entries(catalogue.exams)) {
      urns.set(examId, await new Promise<string>((resolve) => exam.urn.apply(resolve)));
    }
    await new Promise((resolve) => catalogue.urn.apply(resolve));
  }
  return { resources, urns };
}

function exam(i: number): CatalogueFields {
  return { examId: `exam-${String(i).padStart(4, "0")}`, examName: `Exam ${i}` };
}

function bigCatalogue(ids: number[]): CatalogueSources {
  return {
    catalogue: {
      accountId: "1",
      accountName: "Big university",
      schedule: false,
      proctoring: "auto",
      duration: 60,
      startDate: "2027-01-11T08:00:00Z",
      endDate: "2027-01-29T20:00:00Z",
      exams: ids.map(exam),
    },
  };
}

test("each exam is an Exam named <catalogue>-<examId>, parented to the Catalogue component", async () => {
  const { resources, urns } = await registered(
    () => new Catalogue("uni", { ...bigCatalogue([1, 2]), examOptions: (e) => (e.examId === "exam-0002" ? { protect: true } : undefined) }),
  );
  assert.deepEqual(
    resources.map((r) => [r.type, r.name]),
    [
      ["proctor:index:Catalogue", "uni"],
      ["pulumi-nodejs:dynamic/proctor:Exam", "uni-exam-0001"],
      ["pulumi-nodejs:dynamic/proctor:Exam", "uni-exam-0002"],
    ],
  );
  assert.equal(urns.get("exam-0001"), "urn:pulumi:test::catalogue::proctor:index:Catalogue$pulumi-nodejs:dynamic/proctor:Exam::uni-exam-0001");
  const entries = loadCatalogue(bigCatalogue([1, 2]));
  for (const [i, entry] of entries.entries()) {
    const { __provider, __secretInputs, ...inputs } = resources[i + 1].inputs;
    assert.equal(__secretInputs, undefined, "without secret arguments the list is left out");
    assert.equal(typeof __provider, "string");
    assert.equal(resources[i + 1].name, examResourceName("uni", entry.examId));
    assert.deepEqual(inputs, { ...entry.args });
  }
});

test("adding one exam to a 500-exam catalogue adds exactly one resource and leaves the other 500 as they were", () => {
  // What Pulumi compares between two runs: resource names and their inputs. The
  // test above shows the Catalogue registers exactly examResourceName(...) with entry.args.
  const resourcesOf = (ids: number[]) =>
    new Map(loadCatalogue(bigCatalogue(ids)).map((e) => [examResourceName("big", e.examId), JSON.stringify(e.args)]));
  const before = Array.from({ length: 500 }, (_, i) => i * 2);
  const withOneMore = [...before.slice(0, 250), 999, ...before.slice(250)]; // inserted mid-file, not appended
  const was = resourcesOf(before);
  const now = resourcesOf(withOneMore);
  assert.equal(was.size, 500);
  assert.deepEqual([...now.keys()].filter((name) => !was.has(name)), ["big-exam-0999"]);
  assert.deepEqual([...was.keys()].filter((name) => now.get(name) !== was.get(name)), []);
});

test("a bad catalogue throws before anything is registered, not even the component", async () => {
  const bad = bigCatalogue([1, 1]);
  let thrown: unknown;
  const { resources } = await registered(() => {
    try {
      new Catalogue("bad", bad);
    } catch (error) {
      thrown = error;
    }
  });
  assert.ok(thrown instanceof CatalogueError);
  assert.ok(pulumi.RunError.isInstance(thrown), "Pulumi prints a RunError's message without a stack trace");
  assert.deepEqual(resources, []);
});

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

test("an unknown Catalogue argument (a typo a JavaScript program can make) is an error naming it and the nearest known one; nothing is registered", async () => {
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

test("Catalogue arguments of the wrong type are each named, all at once", async () => {
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

test("loadCatalogue checks its sources the same way", () => {
  assert.deepEqual(problemsOf({ file: "catalogue.yaml" } as unknown as CatalogueSources), ['loadCatalogue() sources: file: unknown key; did you mean "files"?']);
});

// ---- Shares: stacks side by side ---------------------------------------------

const SHARED = `${HOUSE}
accounts:
  - accountId: "100"
    accountName: Science
    share: science
    courses:
      - courseName: Physics
        exams:
          - { examId: phy-final, examName: Physics final }
          - { examId: phy-quiz, examName: Physics quiz, share: quizzes }
      - courseName: Chemistry
        share: lab
        exams:
          - { examId: chem-final, examName: Chemistry final }
  - accountId: "200"
    accountName: Arts
    share: arts
    exams:
      - { examId: art-final, examName: Art final }
`;

test("a level's share: applies to every exam below it, the nearest level's wins", async () => {
  const exams = loadCatalogue({ files: await file("shared.yaml", SHARED) }, dir);
  assert.deepEqual(
    exams.map((e) => [e.examId, e.share]),
    [
      ["phy-final", "science"],
      ["phy-quiz", "quizzes"],
      ["chem-final", "lab"],
      ["art-final", "arts"],
    ],
  );
  // Not an exam field: nothing of it reaches the Exam's arguments.
  assert.ok(exams.every((e) => !("share" in e.args)));
});

test("a share must be a short name, and a preset cannot hold one", async () => {
  const yaml = await file(
    "bad-share.yaml",
    `${HOUSE}\npresets:\n  big: { share: science, duration: 120 }\naccountId: "1"\naccountName: A\nexams:\n  - { examId: a-1, examName: A, share: "two words" }\n`,
  );
  assert.deepEqual(problemsOf({ files: yaml }), [
    'bad-share.yaml:15:40: exams[0] (examId "a-1"): share: must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got "two words")',
    "bad-share.yaml:11:10: presets.big: share: not allowed in a preset: which stacks declare an exam is said by the level that holds it, where a reader looks for it, not by a bundle of settings",
  ]);
});

/** Declares the SHARED catalogue under mocks (stack "test") with `proctor:shares` as the engine passes it: JSON text. */
async function declaredWithShares(shares: unknown): Promise<{ examIds: string[]; error?: unknown }> {
  const yaml = await file("shared.yaml", SHARED);
  pulumi.runtime.setConfig("proctor:shares", JSON.stringify(shares));
  try {
    let error: unknown;
    const { resources } = await registered(() => {
      try {
        return new Catalogue("uni", { files: yaml });
      } catch (thrown) {
        error = thrown;
        return undefined;
      }
    });
    return { examIds: resources.filter((r) => r.type === "pulumi-nodejs:dynamic/proctor:Exam").map((r) => String(r.inputs.examId)).sort(), error };
  } finally {
    pulumi.runtime.setAllConfig({});
  }
}

/** The lines of a CatalogueError after its headline. */
function problemLines(error: unknown): string[] {
  assert.ok(error instanceof CatalogueError, `expected a CatalogueError, got ${String(error)}`);
  return error.message.split("\n").slice(1);
}

test("a stack whose entry in proctor:shares names shares declares only their exams; \"*\" declares them all", async () => {
  assert.deepEqual(await declaredWithShares({ test: "science", other: "arts" }), { examIds: ["phy-final"], error: undefined });
  assert.deepEqual(await declaredWithShares({ test: ["arts", "lab", "quizzes"] }), { examIds: ["art-final", "chem-final", "phy-quiz"], error: undefined });
  assert.deepEqual((await declaredWithShares({ test: "*", other: "arts" })).examIds, ["art-final", "chem-final", "phy-final", "phy-quiz"]);
});

test("a stack missing from proctor:shares, a share of no exam, an exam in no share, or a malformed map stops the program before anything is registered", async () => {
  const unlisted = await declaredWithShares({ tset: "science", other: "arts" });
  assert.deepEqual(unlisted.examIds, []);
  assert.deepEqual(problemLines(unlisted.error), [
    '  - stack config proctor:shares: has no entry for stack "test"; did you mean "tset"? (its stacks: other, tset): add `test: <share>`, or `test: "*"` for the whole catalogue',
  ]);
  const typo = await declaredWithShares({ test: ["science", "atrs"] });
  assert.deepEqual(typo.examIds, []);
  assert.deepEqual(problemLines(typo.error), [
    '  - stack config proctor:shares.test: share "atrs" is the share of no exam of the catalogue; did you mean "arts"? (its shares: arts, lab, quizzes, science)',
  ]);
  assert.deepEqual(problemLines((await declaredWithShares(["science"])).error), ['  - stack config proctor:shares: must be a mapping of stack names to the shares each declares (got a list)']);
  assert.deepEqual(problemLines((await declaredWithShares({ test: { accounts: ["100"] } })).error), [
    '  - stack config proctor:shares.test: must be a share name, a list of share names (each 1 to 64 letters, digits, ".", "_" or "-", none twice) or "*" for the whole catalogue (got a mapping)',
  ]);

  const yaml = await file("half.yaml", `${HOUSE}\naccountId: "1"\naccountName: A\nexams:\n  - { examId: in-1, examName: In, share: one }\n  - { examId: out-1, examName: Out }\n`);
  pulumi.runtime.setConfig("proctor:shares", JSON.stringify({ test: "one" }));
  try {
    assert.throws(
      () => new Catalogue("half", { files: yaml }),
      (error: Error) =>
        problemLines(error).join("\n") ===
        `  - ${yaml} exams[1] (examId "out-1"): is in no share, and this stack declares only share "one" (proctor:shares.test): write \`share:\` on the exam, its course, its account or the catalogue's top level, so that one stack declares it`,
    );
  } finally {
    pulumi.runtime.setAllConfig({});
  }
});
