import assert from "node:assert/strict";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator/server";
import { PulumiStack, REPO_ROOT, type RunResult } from "../../scripts/lib/pulumi-stack";

// The policy pack as a user runs it, from the installed package
// (node_modules/pulumi-proctor/policy), with the real CLI against the emulator:
// a term's catalogue holding one violation of each rule but exam-id-unique, whose
// duplicates the program itself refuses first (the last tests: one examId on two
// connection names that reach one integration).

const PACK = path.join(REPO_ROOT, "node_modules", "pulumi-proctor", "policy");
const INTEGRATION = { name: "policy-e2e", secret: "policy-e2e-secret" };
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";

let emulator: Emulator;
let stack: PulumiStack;
let dir = "";

/** Next year: the fixed windows below stay in the future, whenever the test runs. */
const YEAR = new Date().getUTCFullYear() + 1;

/** An ISO date-time `hours` from now, to the second. */
const fromNow = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");

/** A catalogue of account "100": its top-level fields, then its courses (YAML, indented as courses). */
const catalogue = (top: string, courses: string): string => `${top}schedule: false
proctoring: auto
accounts:
  - accountId: "100"
    accountName: Science
    courses:
${courses}`;

const SPRING = () => catalogue("duration: 60\n", `      - courseName: Physics
        exams:
          - { examId: 2027s-phy-final, examName: Physics final, startDate: "${YEAR}-01-11T08:00:00Z", endDate: "${YEAR}-01-15T20:00:00Z" }
          # 08:00+02:00 is 06:00Z on the 14th: inside the final's window.
          - { examId: 2027s-phy-midterm, examName: Physics midterm, startDate: "${YEAR}-01-14T08:00:00+02:00", endDate: "${YEAR}-01-20T20:00:00+02:00" }
          - { examId: 2027s-phy-lab, examName: Physics lab, duration: 120, startDate: "${YEAR}-02-01T08:00:00Z", endDate: "${YEAR}-02-01T09:00:00Z" }
      - courseName: Chemistry
        exams:
          - { examId: 2027s-chem-retake, examName: Chemistry retake, startDate: "${fromNow(2)}", endDate: "${fromNow(26)}" }
      - courseName: Orientation
        exams:
          - { examId: 2027s-demo, examName: Demo exam, trial: false, startDate: "${YEAR}-01-04T08:00:00Z", endDate: "${YEAR}-01-08T20:00:00Z" }
      - courseName: Biology
        exams:
          - { examId: 2026f-bio-final, examName: Biology final, startDate: "${YEAR}-01-11T08:00:00Z", endDate: "${YEAR}-01-15T20:00:00Z" }
`);

const CLEAN = catalogue("duration: 90\n", `      - courseName: Physics
        exams:
          - { examId: 2027s-phy-final, examName: Physics final, startDate: "${YEAR}-01-11T08:00:00Z", endDate: "${YEAR}-01-15T20:00:00Z" }
          - { examId: 2027s-phy-midterm, examName: Physics midterm, startDate: "${YEAR}-02-14T08:00:00+02:00", endDate: "${YEAR}-02-20T20:00:00+02:00" }
      - courseName: Orientation
        exams:
          - { examId: 2027s-demo, examName: Demo exam, trial: true, startDate: "${YEAR}-01-04T08:00:00Z", endDate: "${YEAR}-01-08T20:00:00Z" }
`);

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text);
  return full;
}

/** `pulumi preview` (or `up`) of these catalogue files with the pack and a config file for it. */
async function withPack(command: string[], files: string[], config: object): Promise<RunResult> {
  const configFile = await file(`config-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(config));
  return stack.run([...command, "--policy-pack", PACK, "--policy-pack-config", configFile], { E2E_CATALOGUE_FILES: files.join(",") });
}

/** The violations the CLI listed: `[level]  rule  (type: resource)` and the message under it, in order. */
function reported(output: string): { level: string; rule: string; resource: string; message: string }[] {
  const pattern = new RegExp(`- \\[(\\w+)\\]\\s+([\\w-]+)\\s+\\(${EXAM_TYPE.replace(/[/:]/g, "\\$&")}: ([\\w-]+)\\)\\n.*\\n\\s*(.*)`, "g");
  return [...output.matchAll(pattern)].map(([, level, rule, resource, message]) => ({ level, rule, resource, message }));
}

const TERM = { "exam-id-pattern": { pattern: "^2027s-" } };

describe("the policy pack, end to end", () => {
  before(async () => {
    emulator = await startEmulator({ integrations: [INTEGRATION] });
    dir = await mkdtemp(path.join(tmpdir(), "policy-e2e-"));
    stack = await PulumiStack.create({
      program: "test/programs/catalogues/index.js",
      config: {
        "proctor:url": emulator.url,
        "proctor:integrationName": INTEGRATION.name,
        "proctor:connections.mirror.url": emulator.url,
        "proctor:connections.mirror.integrationName": INTEGRATION.name,
      },
      secrets: { "proctor:jwtSecret": INTEGRATION.secret, "proctor:connections.mirror.jwtSecret": INTEGRATION.secret },
    });
  });

  after(async () => {
    await emulator?.close();
    await stack?.cleanup();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  it("one violation of each rule: each reported once naming its exam; the mandatory one fails preview and up sends nothing", async () => {
    const files = [await file("spring.yaml", SPRING())];
    const preview = await withPack(["preview"], files, TERM);
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /❌ pulumi-proctor@v0\.1\.0 \(local: .*node_modules\/pulumi-proctor\/policy\)/);
    const found = reported(preview.output);
    const byRule = Object.fromEntries(found.map((v) => [v.rule, v]));
    assert.deepEqual(found.map((v) => v.rule).sort(), [
      "exam-id-pattern", "exam-trial-matches-stack", "exam-window-fits-duration", "exam-window-not-too-late", "exam-windows-overlap",
    ], preview.output);
    const expect = (rule: string, level: string, resource: string, message: RegExp) => {
      assert.equal(byRule[rule]?.level, level, rule);
      assert.equal(byRule[rule]?.resource, resource, rule);
      assert.match(byRule[rule]?.message ?? "", message, rule);
    };
    expect("exam-window-fits-duration", "mandatory", "spring-2027s-phy-lab",
      /^exam "spring-2027s-phy-lab" \(examId "2027s-phy-lab"\): endDate − startDate is 60 minutes .*, shorter than duration 120/);
    expect("exam-window-not-too-late", "advisory", "spring-2027s-chem-retake", /^exam "spring-2027s-chem-retake" \(examId "2027s-chem-retake"\): startDate \S+ is in 2 hours, less than the 24 hours/);
    expect("exam-windows-overlap", "advisory", "spring-2027s-phy-midterm",
      /^exam "spring-2027s-phy-midterm" \(examId "2027s-phy-midterm"\): its window .* overlaps that of exam "spring-2027s-phy-final" .* in course "Physics" of account "100"/);
    expect("exam-trial-matches-stack", "advisory", "spring-2027s-demo", /^exam "spring-2027s-demo" \(examId "2027s-demo"\): trial: false on stack "test", not a production stack \(productionStacks "prod\*"\)/);
    expect("exam-id-pattern", "advisory", "spring-2026f-bio-final", /^exam "spring-2026f-bio-final" \(examId "2026f-bio-final"\): examId does not match the pattern "\^2027s-"/);
    assert.ok(!preview.output.includes(INTEGRATION.secret), "a secret of the provider's config was shown");

    const up = await withPack(["up", "--yes"], files, TERM);
    assert.notEqual(up.code, 0, up.output);
    assert.equal(reported(up.output).filter((v) => v.level === "mandatory").length, 1, up.output);
    assert.deepEqual(emulator.requests(), [], "up sent requests despite mandatory violations");
    assert.deepEqual(await stack.resources(EXAM_TYPE), []);
  });

  it("the pack's config sets each rule's level and parameters", async () => {
    const files = [await file("spring.yaml", SPRING())];
    // The mandatory rule turned down: the advisories alone do not fail preview.
    const relaxed = await withPack(["preview"], files, { ...TERM, "exam-window-fits-duration": "disabled" });
    assert.equal(relaxed.code, 0, relaxed.output);
    const relaxedRules = reported(relaxed.output).map((v) => `${v.level} ${v.rule}`).sort();
    assert.deepEqual(relaxedRules, [
      "advisory exam-id-pattern", "advisory exam-trial-matches-stack", "advisory exam-window-not-too-late", "advisory exam-windows-overlap",
    ]);

    // Parameters: 1 hour's notice, overlaps per account, "test" a production stack; a pattern made mandatory.
    const tuned = await withPack(["preview"], files, {
      "exam-window-fits-duration": "disabled",
      "exam-id-pattern": { enforcementLevel: "mandatory", pattern: "^2027s-" },
      "exam-window-not-too-late": { hours: 1 },
      "exam-windows-overlap": { scope: "account" },
      "exam-trial-matches-stack": { productionStacks: "te?t" },
    });
    assert.notEqual(tuned.code, 0, tuned.output);
    const tunedRules = reported(tuned.output).map((v) => `${v.level} ${v.rule} ${v.resource}`).sort();
    assert.deepEqual(tunedRules, [
      // Per account: the Biology final now overlaps Physics' final and midterm.
      "advisory exam-windows-overlap spring-2027s-phy-final",
      "advisory exam-windows-overlap spring-2027s-phy-midterm",
      "advisory exam-windows-overlap spring-2027s-phy-midterm",
      "mandatory exam-id-pattern spring-2026f-bio-final",
    ], tuned.output);
    assert.deepEqual(emulator.requests(), []);
  });

  it("a config value the schema refuses stops the run, naming the rule and the property", async () => {
    const files = [await file("clean.yaml", CLEAN)];
    const scope = await withPack(["preview"], files, { "exam-windows-overlap": { scope: "faculty" } });
    assert.notEqual(scope.code, 0, scope.output);
    assert.match(scope.output, /validating policy config: pulumi-proctor 0\.1\.0\s+exam-windows-overlap: scope: scope must be one of the following: "course", "account"/);
    const pattern = await withPack(["preview"], files, { "exam-id-pattern": { pattern: "([" } });
    assert.notEqual(pattern.code, 0, pattern.output);
    assert.match(pattern.output, /policy exam-id-pattern: the policy pack config is invalid: pattern: "\(\[" is not a regular expression/);
    assert.deepEqual(emulator.requests(), []);
  });

  it("a clean catalogue passes: no violation, and up with the pack sends its exams", async () => {
    const files = [await file("clean.yaml", CLEAN)];
    const preview = await withPack(["preview"], files, TERM);
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /✅ pulumi-proctor@v0\.1\.0/);
    assert.deepEqual(reported(preview.output), []);
    assert.deepEqual(emulator.requests(), []);

    const up = await withPack(["up", "--yes"], files, TERM);
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(reported(up.output), []);
    assert.deepEqual(emulator.exams().map((e) => e.examId).sort(), ["2027s-demo", "2027s-phy-final", "2027s-phy-midterm"]);
  });

  /** A stack of test/programs/unknown-duplicate against its own emulator, "mirror" pointing where the default connection does. */
  async function duplicateStack(t: { after: (fn: () => Promise<void>) => void }): Promise<{ stack: PulumiStack; emulator: Emulator }> {
    const own = await startEmulator({ integrations: [INTEGRATION] });
    const created = await PulumiStack.create({
      program: "test/programs/unknown-duplicate/index.js",
      config: {
        "proctor:url": own.url,
        "proctor:integrationName": INTEGRATION.name,
        "proctor:connections.mirror.url": own.url,
        "proctor:connections.mirror.integrationName": INTEGRATION.name,
      },
      secrets: { "proctor:jwtSecret": INTEGRATION.secret, "proctor:connections.mirror.jwtSecret": INTEGRATION.secret },
    });
    t.after(async () => {
      await own.close();
      await created.cleanup();
    });
    return { stack: created, emulator: own };
  }

  const upsertsOf = (emulator: Emulator, examId: string) => emulator.requests().filter((r) => r.examId === examId);

  it("one examId unknown at preview on two connection names that reach one integration: up with the pack sends nothing for it", async (t) => {
    const { stack: own, emulator: server } = await duplicateStack(t);
    const preview = await own.run(["preview", "--policy-pack", PACK]);
    assert.equal(preview.code, 0, preview.output);
    const up = await own.run(["up", "--yes", "--policy-pack", PACK]);
    assert.notEqual(up.code, 0, up.output);
    assert.match(
      up.output,
      new RegExp(`exam "2027s-phy-final" is declared twice on integration "${INTEGRATION.name}" at ${server.url}, by resources "first" \\(connection "default"\\) and "second" \\(connection "mirror"\\)`),
    );
    assert.deepEqual(upsertsOf(server, "2027s-phy-final"), []);
  });

  it("the pack refuses the second declaration of one place before its step runs, even where the program's guard cannot see it", async (t) => {
    const { stack: own, emulator: server } = await duplicateStack(t);
    // The installed package copied beside the project, as another dependency's own copy.
    const copy = path.join(own.projectDir, "node_modules", "pulumi-proctor");
    await cp(path.join(REPO_ROOT, "node_modules", "pulumi-proctor"), copy, { recursive: true });
    const up = await own.run(["up", "--yes", "--policy-pack", PACK], { E2E_SECOND_COPY: copy });
    assert.notEqual(up.code, 0, up.output);
    const [violation] = reported(up.output).filter((v) => v.rule === "exam-id-unique");
    assert.equal(violation?.level, "mandatory", up.output);
    assert.match(
      violation.message,
      new RegExp(`\\(examId "2027s-phy-final"\\): is declared by 2 exams on integration "${INTEGRATION.name}" at ${server.url}: "(first|second)" \\(connection "(default|mirror)"\\), "(first|second)"`),
    );
    // Whichever registered first may have been sent; the one that would overwrite it never is.
    const sent = upsertsOf(server, "2027s-phy-final");
    t.diagnostic(`upserts of 2027s-phy-final: ${sent.length}`);
    assert.ok(sent.length <= 1, JSON.stringify(sent));
  });
});
