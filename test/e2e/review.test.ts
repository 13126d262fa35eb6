import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { validExam } from "../../scripts/lib/exams";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";
import { workflowCommands, takeFlag } from "../harness/ci-workflow";
import { ExamStack } from "../harness/exam-stack";
import { assertUpDidWhatReviewSaid } from "../harness/review-agreement";

// `pulumi-proctor review` on what the real CLI prints: `pulumi preview --json
// --show-sames` of a stack on the emulator whose program creates, updates,
// replaces, closes, retains and renames exams, and of one that fails validation;
// and the text of `pulumi preview --policy-pack`, whose violations the JSON lacks.
// The review runs as the workflow in examples/ci runs it: the installed bin, the
// preview's file as argument. `REVIEW_FIXTURES=write` saves the previews and the policy log as the
// fixtures of the unit tests and the README sample (test/fixtures/review/).

// The workflow's previews, with the harness's own stack, and the repository's test
// policy pack (at most 240 minutes an exam) instead of the package's.
const WORKFLOW = workflowCommands();
const PREVIEW_ARGS = takeFlag(WORKFLOW.previewArgs, "--stack").rest;
const TEST_POLICY_PACK = path.join(REPO_ROOT, "test", "programs", "policy-pack");
const POLICY_ARGS = [...takeFlag(takeFlag(WORKFLOW.policyArgs, "--stack").rest, "--policy-pack").rest, "--policy-pack", TEST_POLICY_PACK];
const BIN = path.join(REPO_ROOT, "node_modules", "pulumi-proctor", "dist", "provider", "cli", "main.js");
const SECRET_NAME = "Board exam TOP-SECRET-7f3a";
const JANUARY = { startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-22T18:00:00Z" };
const science = (examId: string, examName: string, extra: Record<string, unknown> = {}) =>
  validExam({ accountId: "100", accountName: "Science", courseName: "Physics", examId, examName, ...JANUARY, deletionPolicy: "close", ...extra });
const arts = (examId: string, examName: string, extra: Record<string, unknown> = {}) =>
  validExam({ accountId: "200", accountName: "Arts", courseName: "History: 1789 | \"Revolutions\"", examId, examName, ...JANUARY, ...extra });

const BEFORE = [
  { name: "phy-final", args: science("phy-final", "Physics final", { courseCode: "PHY-101" }) },
  { name: "phy-quiz", args: science("phy-quiz", "Physics quiz") },
  { name: "phy-lab", args: science("phy-lab", "Physics lab") },
  { name: "phy-mock", args: science("phy-mock", "Physics mock exam") },
  { name: "his-essay", args: arts("his-essay", "History essay") },
  { name: "his-final", args: arts("his-final", "History final") },
  { name: "his-oral", args: arts("his-oral", "History oral") },
  { name: "board", args: arts("board", SECRET_NAME), secrets: ["examName"] },
];

const AFTER = [
  // Updated: the window moves a week, books allowed, courseCode removed (Proctor cannot reset it).
  {
    name: "phy-final",
    args: science("phy-final", "Physics final", {
      endDate: "2027-01-29T18:00:00Z",
      rules: { ...(validExam().rules as object), allow_to_use_books: true },
    }),
  },
  // Replaced: a new examId; the old exam is closed (deletionPolicy close).
  { name: "phy-quiz", args: science("phy-quiz-2027", "Physics quiz") },
  // phy-lab is gone: closed. his-oral is gone: retained.
  { name: "phy-mock", args: science("phy-mock", "Physics mock exam") },
  // Replaced: another account.
  { name: "his-essay", args: arts("his-essay", "History essay", { accountId: "300", accountName: "Humanities" }) },
  // Renamed without an alias: a create that adopts the exam the old resource managed.
  { name: "history-final", args: arts("his-final", "History final") },
  // Created, and longer than the test policy pack allows.
  { name: "his-resit", args: arts("his-resit", "History resit", { duration: 300, startDate: "2027-02-08T08:00:00Z", endDate: "2027-02-12T18:00:00Z" }) },
  // Updated: a secret name changes.
  { name: "board", args: arts("board", `${SECRET_NAME} (2)`), secrets: ["examName"] },
];

const FAILING = [
  { name: "phy-final", args: science("phy-final", "Physics final", { duration: 0, endDate: "2026-12-01T00:00:00Z" }) },
  { name: "phy-mock", args: science("phy-mock", "Physics mock exam") },
];

let s: ExamStack;
let dir: string;
let preview: { code: number; json: string };
let failed: { code: number; json: string };
let policy: { code: number; log: string };

function review(file: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, "review", file, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("the review of a real preview, end to end", () => {
  before(async () => {
    s = await ExamStack.create();
    dir = await mkdtemp(path.join(tmpdir(), "proctor-review-"));
    await s.declare(BEFORE);
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    const sent = s.emulator.requests().length;

    await s.declare(AFTER);
    const run = await s.stack.run(PREVIEW_ARGS);
    preview = { code: run.code, json: run.stdout };
    const checked = await s.stack.run(POLICY_ARGS);
    policy = { code: checked.code, log: checked.output };
    await s.declare(FAILING);
    const bad = await s.stack.run(PREVIEW_ARGS);
    failed = { code: bad.code, json: bad.stdout };
    assert.equal(s.emulator.requests().length, sent, "a preview sent requests");

    await writeFile(path.join(dir, "preview.json"), preview.json);
    await writeFile(path.join(dir, "failed.json"), failed.json);
    await writeFile(path.join(dir, "policy.log"), policy.log);
    if (process.env.REVIEW_FIXTURES === "write") {
      await writeFile(path.join(REPO_ROOT, "test/fixtures/review/policy.log"), policy.log);
      await writeFile(path.join(REPO_ROOT, "test/fixtures/review/preview.json"), preview.json);
      await writeFile(path.join(REPO_ROOT, "test/fixtures/review/failed.json"), failed.json);
    }
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await s?.cleanup();
  });

  it("the review of a real preview: headline numbers, upserts, field rows, reasons, fates, the adoption and the warning", async () => {
    assert.equal(preview.code, 0, preview.json);
    const { code, stdout: md, stderr } = await review(path.join(dir, "preview.json"));
    assert.equal(code, 0, stderr);
    assert.ok(md.startsWith("<!-- pulumi-proctor-review -->\n"));
    assert.match(md, /\*\*2 exams created, 2 updated, 2 replaced, 1 closed, 1 retained, 1 unchanged, 1 moved to another resource\.\*\*/);
    // 2 creates + 2 updates + 2 replacements + the old phy-quiz closed + phy-lab closed.
    assert.match(md, /The merge will send 8 upserts to Proctor\./);

    assert.match(md, /### Science \(100\) · Physics\n/);
    assert.match(md, /#### ✏️ phy-final Physics final: updated\n/);
    assert.ok(md.includes('| endDate | "2027-01-22T18:00:00Z" | "2027-01-29T18:00:00Z" |'), md);
    assert.ok(md.includes("| rules.allow\\_to\\_use\\_books | false | true |"), md);
    assert.ok(md.includes('| courseCode | "PHY-101" | (not set) |'), md);
    assert.match(md, /phy-quiz-2027 Physics quiz: replaced: its examId changed\n\nThe old exam "phy-quiz" is closed: its window ends now \(deletionPolicy close\)\./);
    assert.match(md, /his-essay History essay: replaced: its accountId changed\n\nExam "his-essay" is upserted again with the new values; nothing is closed\./);
    assert.ok(md.includes('| accountId | "200" | "300" |'));
    assert.match(md, /⛔ phy-lab Physics lab: closed/);
    assert.match(md, /📦 his-oral History oral: retained/);
    assert.match(md, /his-final History final: created: adopts an existing exam\n\nAdoption: resource "his-final" managed exam "his-final" until now/);
    assert.match(md, /↪️ his-final History final: moved to resource "history-final"/);
    assert.match(md, /### ⚠️ Warnings\n\n- \*\*exam "phy-final" \(resource "phy-final"\)\*\*: courseCode was removed from the program, but Proctor documents no default for it; the server keeps its last value/);
    // The course name's colon, pipe and quotes neither break the table headings nor the chart.
    assert.match(md, /### Arts \(200\) · History: 1789 \\\| "Revolutions"\n/);
    assert.match(md, /```mermaid\ngantt\n/);
    assert.match(md, /section Arts \(200\) \/ History 1789 Revolutions\n/);
    assert.match(md, /before phy-final :done, t\d+, 2027-01-11 08:00, 2027-01-22 18:00\n {4}after phy-final :active, t\d+, 2027-01-11 08:00, 2027-01-29 18:00/);
    assert.doesNotMatch(md, /phy-mock/, "an unchanged exam is listed");
  });

  it("the policy pack's violation, which the JSON preview leaves out, is read from its log and named with its exam", async () => {
    assert.notEqual(policy.code, 0, "the mandatory violation did not fail the policy preview");
    const { code, stdout: md } = await review(path.join(dir, "preview.json"), "--policy-log", path.join(dir, "policy.log"));
    assert.equal(code, 0);
    assert.match(md, /The policy pack refuses this change \(1 mandatory violation\): once it is fixed, the merge would send 8 upserts to Proctor\./);
    assert.match(md, /### 🛡️ Policy violations\n\n- \*\*exam "his-resit" \(resource "his-resit"\)\*\*: \\\[mandatory\\\] exam-duration-at-most-240: An exam lasts at most 240 minutes\. duration 300 is over 240 minutes\n/);
  });

  it("no secret value in the review, in Markdown or HTML: the secret name shows as (secret)", async () => {
    const md = (await review(path.join(dir, "preview.json"))).stdout;
    const html = (await review(path.join(dir, "preview.json"), "--format", "html")).stdout;
    for (const text of [md, html]) {
      assert.ok(!text.includes("TOP-SECRET"), "the secret exam name is shown");
      assert.ok(!text.includes(s.secret), "the JWT secret is shown");
    }
    assert.ok(md.includes("| examName | (secret) | (secret) |"), md);
  });

  it("a failed preview: its errors by exam and field, and nothing to send", async () => {
    assert.notEqual(failed.code, 0);
    const { code, stdout: md } = await review(path.join(dir, "failed.json"));
    assert.equal(code, 0);
    assert.match(md, /The preview failed: nothing can be sent until the errors below are fixed\./);
    assert.match(md, /### ❌ Errors\n\n- \*\*resource "phy-final"\*\*: duration: must be at least 1 \(got 0\)\n/);
    assert.match(md, /- \*\*resource "phy-final"\*\*: endDate: must not be earlier than startDate/);
  });

  it("the workflow's review commands write the comment and the page from its preview file", async () => {
    assert.deepEqual(PREVIEW_ARGS, ["preview", "--json", "--show-sames"]);
    const work = await mkdtemp(path.join(tmpdir(), "proctor-review-ci-"));
    try {
      await writeFile(path.join(work, WORKFLOW.previewFile), preview.json);
      await writeFile(path.join(work, WORKFLOW.policyLog), policy.log);
      for (const args of WORKFLOW.reviewArgs) {
        const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
          execFile(process.execPath, [BIN, ...args], { cwd: work }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr })),
        );
        assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      }
      assert.match(await readFile(path.join(work, "review.md"), "utf8"), /^<!-- pulumi-proctor-review -->\n[^]*exam-duration-at-most-240/);
      assert.match(await readFile(path.join(work, "review.html"), "utf8"), /^<!doctype html>/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it("--format html writes one self-contained page to --output", async () => {
    const out = path.join(dir, "review.html");
    const { code, stdout } = await review(path.join(dir, "preview.json"), "--format", "html", "--output", out);
    assert.equal(code, 0);
    assert.equal(stdout, "");
    const html = await readFile(out, "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<(script|link|img)\b|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/, "the page loads something");
    assert.equal(html.match(/data-exam-id=/g)?.length, 10);
  });

  // Runs last: it applies the reviewed change.
  it("pulumi up does to every exam what the review said: the same upserts per examId, and a close exactly where it said closed", async () => {
    await s.declare(AFTER);
    const sent = s.emulator.requests().length;
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    assertUpDidWhatReviewSaid(preview.json, s.emulator.requests().slice(sent));
  });
});
