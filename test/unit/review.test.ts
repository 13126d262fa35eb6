import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { reviewOf, type Review } from "../../provider/review/changes";
import { mermaidText } from "../../provider/review/gantt";
import { renderHtml } from "../../provider/review/html";
import { COMMENT_LIMIT, renderMarkdown } from "../../provider/review/markdown";
import { parsePolicyLog } from "../../provider/review/policy";
import { parsePreview, type PreviewStep } from "../../provider/review/preview";
import { flatten } from "../../provider/review/values";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The pure pieces of `pulumi-proctor review` on the real previews test/e2e/review.test.ts
// saved (REVIEW_FIXTURES=write regenerates them).
const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "review");
const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const fixture = (name = "preview.json") => reviewOf(parsePreview(fixtureText(name), name));

test("exams are grouped by account, then course, and nested sections diff as dotted paths", () => {
  const review = fixture();
  const phyFinal = review.exams.find((e) => e.examId === "phy-final")!;
  assert.equal(phyFinal.account, "Science (100)");
  assert.equal(phyFinal.course, "Physics");
  assert.deepEqual(phyFinal.fields.map((f) => f.path), ["courseCode", "endDate", "rules.allow_to_use_books"]);
  assert.deepEqual(
    [...flatten({ rules: { allow_voices: true }, desktopAppAllowedProcesses: ["a"], __provider: "x", examName: "[secret]" })],
    [["rules.allow_voices", true], ["desktopAppAllowedProcesses", ["a"]], ["examName", "[secret]"]],
  );
  const md = renderMarkdown(review);
  assert.ok(md.indexOf("### Arts (200)") < md.indexOf("### Science (100)"), "accounts in order of first appearance");
  assert.ok(md.indexOf("### Humanities (300)") > md.indexOf("### Science (100)"));
});

test("a secret in the engine's signature form is never shown, nor is a credential-named argument", () => {
  const step: PreviewStep = {
    op: "update",
    urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/proctor:Exam::x",
    oldState: { inputs: { examId: "x", examName: "A", courseName: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hidden-course" }, jwtSecret: "s3cret-1" } },
    newState: { inputs: { examId: "x", examName: "B", courseName: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hidden-course-2" }, jwtSecret: "s3cret-2" } },
    detailedDiff: { courseName: {}, examName: {}, jwtSecret: {} },
  };
  const review = reviewOf({ steps: [step], diagnostics: [], hiddenSames: 0 });
  for (const text of [renderMarkdown(review), renderHtml(review)]) {
    assert.doesNotMatch(text, /hidden-course|s3cret/);
  }
  assert.deepEqual(review.exams[0].fields.map((f) => [f.path, f.before, f.after]), [
    ["examName", '"A"', '"B"'],
    ["courseName", "(secret)", "(secret)"],
    ["jwtSecret", "(secret)", "(secret)"],
  ]);
});

test("policy violations are read from the report of a policy preview, coloured or not, and named by exam", () => {
  const log = [
    "Previewing update (production):",
    " +  pulumi-nodejs:dynamic/proctor:Exam phy-final create ",
    "Policies:",
    "    \u001b[31m❌ pulumi-proctor@v0.1.0 (local: node_modules/pulumi-proctor/policy)\u001b[0m",
    "        - [mandatory]  window-fits-duration  (pulumi-nodejs:dynamic/proctor:Exam: phy-final)",
    "          The window is at least as long as the exam.",
    '          exam "phy-final": endDate - startDate is 30 minutes, duration is 120',
    "        - [advisory]  overlapping-windows  (pulumi:pulumi:Stack: proj-production)",
    "          Two exams of one course at the same time.",
    "    ✅ other-pack@v1.0.0 (local: ../other)",
    "",
    "Diagnostics:",
    "  - [mandatory]  not-a-violation  (x: y)",
  ].join("\n");
  const violations = parsePolicyLog(log);
  assert.deepEqual(violations, [
    { level: "mandatory", policy: "window-fits-duration", resource: "phy-final", lines: ["The window is at least as long as the exam.", 'exam "phy-final": endDate - startDate is 30 minutes, duration is 120'] },
    { level: "advisory", policy: "overlapping-windows", resource: "proj-production", lines: ["Two exams of one course at the same time."] },
  ]);
  assert.deepEqual(parsePolicyLog(fixtureText("policy.log")).map((v) => [v.level, v.policy, v.resource]), [["mandatory", "exam-duration-at-most-240", "his-resit"]]);
  assert.deepEqual(parsePolicyLog("Previewing update (test):\nResources:\n    + 3 to create\n"), []);
});

test("Mermaid names lose what would end a task name, a statement or the line", () => {
  assert.equal(mermaidText('History: 1789 | "Revolutions"; #1 %% x\ny'), "History 1789 Revolutions 1 x y");
  assert.equal(mermaidText("Ökonomie (Einführung) – Teil 2"), "Ökonomie (Einführung) Teil 2");
  assert.equal(mermaidText(":::"), "(unnamed)");
  assert.equal([...mermaidText("é".repeat(100))].length, 60);
});

/** The fixture's preview with its steps repeated `copies` times under fresh names and examIds: a term change of many exams. */
function manySteps(copies: number): PreviewStep[] {
  const json = JSON.parse(fixtureText("preview.json")) as { steps: PreviewStep[] };
  return Array.from({ length: copies }, (_, i) =>
    json.steps.map((step) => JSON.parse(JSON.stringify(step).replace(/(::|")(phy|his|board|history)/g, `$1c${i}-$2`)) as PreviewStep),
  ).flat();
}

function manyExams(copies: number): Review {
  return reviewOf({ steps: manySteps(copies), diagnostics: [], hiddenSames: 0 });
}

test("a review longer than GitHub's limit keeps the headline and the riskiest exams, and says what it left out", () => {
  const review = manyExams(60);
  const md = renderMarkdown(review);
  assert.ok(md.length <= COMMENT_LIMIT, `${md.length} characters`);
  assert.match(md, /^<!-- pulumi-proctor-review -->\n## Exam changes\n\n\*\*120 exams created, 120 updated, 120 replaced, 60 closed, 60 retained, 60 unchanged/);
  assert.match(md, /The merge will send 480 upserts/);
  const left = /> \*\*Left out\*\* to stay within GitHub's 65,536-character comment limit: (\d+) exams \(([^)]*)\)/.exec(md);
  assert.ok(left, "no note on what was left out");
  // Every close and replacement is kept; new exams go first.
  assert.equal((md.match(/^#### ⛔/gm) ?? []).length, 60);
  assert.equal((md.match(/^#### 🔁/gm) ?? []).length, 120);
  assert.doesNotMatch(left[2], /closed|replaced/);
  assert.match(left[2], /created/);
  const shown = (md.match(/^#### /gm) ?? []).length;
  assert.equal(shown + Number(left[1]), review.exams.filter((e) => e.kind !== "unchanged").length);
});

test("a smaller limit cuts deeper, and a review that fits is not cut", () => {
  const review = manyExams(60);
  const md = renderMarkdown(review, 10_000);
  assert.ok(md.length <= 10_000);
  assert.match(md, /Left out/);
  assert.doesNotMatch(renderMarkdown(fixture()), /Left out/);
});

test("the HTML timeline has exactly one bar per exam of the preview, changed ones marked", () => {
  const review = fixture();
  const { document } = new JSDOM(renderHtml(review)).window;
  const bars = [...document.querySelectorAll("svg.timeline rect.bar")];
  assert.deepEqual(bars.map((b) => b.getAttribute("data-exam-id")).sort(), review.exams.map((e) => e.examId).sort());
  assert.equal(bars.length, 10);
  const changed = bars.filter((b) => b.classList.contains("changed")).map((b) => b.getAttribute("data-exam-id"));
  assert.deepEqual(changed.sort(), review.exams.filter((e) => e.kind !== "unchanged").map((e) => e.examId).sort());
  assert.equal(document.querySelector('rect.bar[data-exam-id="phy-mock"]')!.getAttribute("data-kind"), "unchanged");
  // The moved window of phy-final also shows where it was.
  assert.equal(document.querySelectorAll("svg.timeline rect.previous").length, 1);
  assert.equal(document.querySelectorAll("script, link, img, iframe").length, 0);
});

function cli(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [path.join(REPO_ROOT, "dist", "provider", "cli", "main.js"), "review", ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? "");
  });
}

test("the command reads standard input, and says what is wrong with bad input or flags", async () => {
  const piped = await cli(["--format=markdown"], fixtureText("failed.json"));
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /duration: must be at least 1/);
  const text = await cli([], "Previewing update (test):\n");
  assert.equal(text.code, 1);
  assert.match(text.stderr, /standard input is not JSON \(was it made with `pulumi preview --json`\?/);
  const format = await cli(["--format", "pdf", path.join(FIXTURES, "preview.json")]);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format must be markdown or html \(got "pdf"\)/);
  const missing = await cli([path.join(FIXTURES, "nope.json")]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*nope\.json/);
});

// What a preview masks cannot decide a fate: the review assumes the riskier one and says why.
const EXAM_URN = (name: string) => `urn:pulumi:s::p::pulumi-nodejs:dynamic/proctor:Exam::${name}`;
const live = (examId: unknown, extra: Record<string, unknown> = {}) => ({
  examId,
  examName: "Final",
  accountId: "1",
  courseName: "Physics",
  startDate: "2027-01-11T08:00:00Z",
  endDate: "2027-01-22T18:00:00Z",
  ...extra,
});

test("a removed exam whose deletionPolicy is a secret is counted as closed and said to be one that may close", () => {
  const review = reviewOf({
    steps: [{ op: "delete", urn: EXAM_URN("phy"), oldState: { id: "phy", inputs: live("phy", { deletionPolicy: "[secret]" }) } }],
    diagnostics: [],
    hiddenSames: 0,
  });
  const [exam] = review.exams;
  assert.equal(exam.kind, "closed");
  assert.equal(exam.upserts, 1);
  const md = renderMarkdown(review);
  assert.match(md, /1 closed, 0 retained/);
  assert.match(md, /The merge will send 1 upsert to Proctor\./);
  assert.match(md, /⛔ phy Final: may close: deletionPolicy is secret/);
  assert.doesNotMatch(md, /stays open/);
  assert.match(renderHtml(review), /may close: deletionPolicy is secret/);
});

test("secret examIds never make a removal look like a rename: the removed exam may close, the new one is a plain create", () => {
  const review = reviewOf({
    steps: [
      { op: "create", urn: EXAM_URN("new"), newState: { inputs: live("[secret]", { deletionPolicy: "close" }) } },
      { op: "delete", urn: EXAM_URN("old"), oldState: { id: "old", inputs: live("[secret]", { deletionPolicy: "close" }) } },
    ],
    diagnostics: [],
    hiddenSames: 0,
  });
  const [created, removed] = review.exams;
  assert.equal(removed.kind, "closed");
  assert.equal(created.adoptsFrom, undefined);
  const md = renderMarkdown(review);
  assert.match(md, /1 exam created, 0 updated, 0 replaced, 1 closed/);
  assert.match(md, /The merge will send 2 upserts to Proctor\./);
  assert.match(md, /may close: whether another resource takes this exam over is not visible/);
  assert.doesNotMatch(md, /moved to resource|adopts an existing exam|nothing is closed/);
});

test("a replacement whose old deletionPolicy is secret may close the old exam, and counts its close", () => {
  const review = reviewOf({
    steps: [
      {
        op: "replace",
        urn: EXAM_URN("quiz"),
        replaceReasons: ["examId"],
        oldState: { id: "quiz", inputs: live("quiz", { deletionPolicy: "[secret]" }) },
        newState: { inputs: live("quiz-2", { deletionPolicy: "[secret]" }) },
      },
    ],
    diagnostics: [],
    hiddenSames: 0,
  });
  assert.equal(review.exams[0].upserts, 2);
  assert.match(renderMarkdown(review), /The old exam "quiz" may be closed \(deletionPolicy is secret\)/);
});

test("findings that would fill the comment are cut by length: every close, replacement and the left-out note stay", () => {
  const review = manyExams(20);
  const long = (i: number) => `${"overlapping-exam-id-".repeat(10)}${i}`;
  const violations = Array.from({ length: 50 }, (_, i) => ({
    level: "advisory",
    policy: "exam-windows-overlap",
    resource: long(i),
    lines: ["Two exams of one course at the same time.", `exam "${long(i)}" and exam "${long(i + 1)}" of course "Physics" overlap`],
  }));
  const warnings = Array.from({ length: 50 }, (_, i) => ({ examId: long(i), message: `exam "${long(i)}": ${"a warning that repeats itself ".repeat(20)}` }));
  const crowded: Review = { ...review, policy: violations, warnings };
  const md = renderMarkdown(crowded);
  assert.ok(md.length <= COMMENT_LIMIT, `${md.length} characters`);
  assert.equal((md.match(/^#### ⛔/gm) ?? []).length, 20, "a close was cut");
  assert.equal((md.match(/^#### 🔁/gm) ?? []).length, 40, "a replacement was cut");
  assert.match(md, /> \*\*Left out\*\* to stay within/);
  assert.equal((md.match(/^- .*\\\[advisory\\\] exam-windows-overlap/gm) ?? []).length, 50, "a violation lost its line");
  assert.equal((md.match(/^- \*\*exam "overlapping/gm) ?? []).length, 50, "a warning lost its line");
  assert.match(md, /\*\*40 exams created, 40 updated, 40 replaced, 20 closed/);
});

test("the review command's comment, line break included, is at most GitHub's 65,536 characters", async () => {
  const { stdout, code } = await cli([], JSON.stringify({ steps: manySteps(80), diagnostics: [] }));
  assert.equal(code, 0);
  assert.match(stdout, /Left out/);
  assert.ok(stdout.length <= COMMENT_LIMIT, `${stdout.length} characters`);
  assert.ok(stdout.endsWith("\n"));
});

test("invisible and reordering characters are shown as <U+…> in the comment, the HTML page and the chart, and names are isolated", () => {
  const review = reviewOf({
    steps: [
      {
        op: "replace",
        urn: EXAM_URN("phy"),
        replaceReasons: ["examId"],
        oldState: { id: "phy-final", inputs: live("phy-final", { examName: "Final\u202e desolc", deletionPolicy: "retain" }) },
        newState: { inputs: live("phy-final\u200b", { examName: "Final\u202e desolc", deletionPolicy: "retain" }) },
      },
    ],
    diagnostics: [],
    hiddenSames: 0,
  });
  const md = renderMarkdown(review);
  const html = renderHtml(review);
  for (const text of [md, html]) assert.doesNotMatch(text, /[\u200b\u202e]/u, "a hidden character reached the output");
  // The before and after of the examId no longer read the same.
  assert.match(md, /\| examId \| "phy-final" \| "phy-final&lt;U\+200B&gt;" \|/);
  assert.match(md, /phy-final&lt;U\+200B&gt; Final&lt;U\+202E&gt; desolc: replaced/);
  assert.match(html, /<td>&#34;phy-final&#60;U\+200B&#62;&#34;<\/td>/);
  assert.match(html, /phy-final&#60;U\+200B&#62; <bdi>Final&#60;U\+202E&#62; desolc<\/bdi>: replaced/);
  assert.match(html, /<h2><bdi>account 1<\/bdi> · <bdi>Physics<\/bdi><\/h2>/);
  assert.equal(mermaidText("phy-final\u200b"), "phy-final U+200B");
});
