import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { REQUESTS } from "../../provider/exam/plan";
import { UNKNOWN } from "../../provider/exam/schema";
import { encodeExam } from "../../provider/group/shape";
import { reviewOf, type Review } from "../../provider/review/changes";
import { renderHtml } from "../../provider/review/html";
import { renderMarkdown } from "../../provider/review/markdown";
import type { PreviewDiagnostic, PreviewStep } from "../../provider/review/preview";

// The review of course-level resources (ExamGroup: a course's exams in one
// resource, each exam one JSON string under its examId), exam by exam, from
// synthetic `pulumi preview --json` steps shaped as the engine writes them.

type Args = Record<string, unknown>;

const CATALOGUE = "urn:pulumi:s::p::proctor:index:Catalogue";
const GROUP_URN = (name: string) => `${CATALOGUE}$pulumi-nodejs:dynamic/proctor:ExamGroup::${name}`;
const EXAM_URN = (name: string) => `${CATALOGUE}$pulumi-nodejs:dynamic/proctor:Exam::${name}`;

function exam(examId: string, extra: Args = {}): Args {
  return {
    examId,
    examName: `Exam ${examId}`,
    accountId: "100",
    accountName: "Science",
    courseName: "Physics",
    duration: 90,
    startDate: "2027-01-11T08:00:00Z",
    endDate: "2027-01-22T18:00:00Z",
    deletionPolicy: "close",
    ...extra,
  };
}

/** A deployment's exams by the resource (group) holding them. */
type World = Record<string, Args[]>;

const held = (exams: Args[]) => ({ exams: Object.fromEntries(exams.map((e) => [String(e.examId), encodeExam(e)])) });

/** The steps the engine lists for course resources: one per group, its op from its exams' strings, `exams["<id>"]` in detailedDiff. */
function groupSteps(before: World, after: World): PreviewStep[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((name): PreviewStep => {
    const old = before[name] && held(before[name]);
    const now = after[name] && held(after[name]);
    const changed = [...new Set([...Object.keys(old?.exams ?? {}), ...Object.keys(now?.exams ?? {})])].filter((id) => old?.exams[id] !== now?.exams[id]);
    const op = !old ? "create" : !now ? "delete" : changed.length > 0 ? "update" : "same";
    return {
      op,
      urn: GROUP_URN(name),
      ...(old && { oldState: { id: `uuid-${name}`, inputs: old, outputs: { ...old, servers: {} } } }),
      ...(now && { newState: { inputs: now } }),
      ...(op === "update" && { detailedDiff: Object.fromEntries(changed.map((id) => [`exams[${JSON.stringify(id)}]`, { kind: "update" }])) }),
    };
  });
}

/**
 * The same deployment with one Exam per exam, named `<group>-<examId>`: a move between groups is a rename without an alias.
 * Inputs with their keys sorted, as the CLI prints them (Go's JSON encoder sorts a map's keys).
 */
function examSteps(before: World, after: World): PreviewStep[] {
  const sorted = (e: Args) => JSON.parse(encodeExam(e)) as Args;
  const flat = (world: World) => new Map(Object.entries(world).flatMap(([group, exams]) => exams.map((e) => [`${group}-${String(e.examId)}`, sorted(e)] as const)));
  const old = flat(before);
  const now = flat(after);
  return [...new Set([...old.keys(), ...now.keys()])].map((name): PreviewStep => {
    const a = old.get(name);
    const b = now.get(name);
    const urn = EXAM_URN(name);
    if (!a) return { op: "create", urn, newState: { inputs: b } };
    if (!b) return { op: "delete", urn, oldState: { id: String(a.examId), inputs: a } };
    const changed = Object.keys({ ...a, ...b }).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    const reasons = changed.filter((k) => k === "accountId" || k === "connection");
    const op = changed.length === 0 ? "same" : reasons.length > 0 ? "replace" : "update";
    return {
      op,
      urn,
      oldState: { id: String(a.examId), inputs: a },
      newState: { inputs: b },
      ...(reasons.length > 0 && { replaceReasons: reasons }),
      ...(changed.length > 0 && { detailedDiff: Object.fromEntries(changed.map((k) => [k, { kind: "update" }])) }),
    };
  });
}

const review = (steps: PreviewStep[], diagnostics: PreviewDiagnostic[] = []): Review => reviewOf({ steps, diagnostics, hiddenSames: 0 });

/** What `pulumi up` sends per the review: the sum of every exam's fates' requests. */
function sent(r: Review): number {
  return r.exams.reduce((sum, e) => sum + REQUESTS[e.fate] + (e.oldExam ? REQUESTS[e.oldExam.fate] : 0), 0);
}

const physics3 = [exam("phy-final"), exam("phy-quiz"), exam("phy-lab")];

const SCENARIOS: Record<string, { before: World; after: World }> = {
  "one changed exam in a course of three": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [exam("phy-final", { duration: 120, rules: { allow_to_use_books: true } }), exam("phy-quiz"), exam("phy-lab")] },
  },
  "an exam added to a course": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [...physics3, exam("phy-resit", { startDate: "2027-02-08T08:00:00Z", endDate: "2027-02-12T18:00:00Z" })] },
  },
  "two exams removed, one closed and one retained": {
    before: { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz"), exam("phy-lab", { deletionPolicy: "retain" })] },
    after: { "cat-100-Physics": [exam("phy-final")] },
  },
  "a course removed whole": {
    before: { "cat-100-Physics": physics3, "cat-100-Chemistry": [exam("chem-final", { courseName: "Chemistry", deletionPolicy: "retain" })] },
    after: { "cat-100-Physics": physics3 },
  },
  "an exam moved to another course": {
    before: { "cat-100-Physics": physics3, "cat-100-Chemistry": [exam("chem-final", { courseName: "Chemistry" })] },
    after: { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz")], "cat-100-Chemistry": [exam("chem-final", { courseName: "Chemistry" }), exam("phy-lab", { courseName: "Chemistry" })] },
  },
  "an exam whose accountId changed": {
    before: { "cat-Physics": physics3 },
    after: { "cat-Physics": [exam("phy-final", { accountId: "200", accountName: "Arts" }), exam("phy-quiz"), exam("phy-lab")] },
  },
  "an exam whose connection changed": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz", { connection: "staging" }), exam("phy-lab")] },
  },
  "an exam whose deletionPolicy alone changed": {
    before: { "cat-100-Physics": physics3 },
    after: { "cat-100-Physics": [exam("phy-final", { deletionPolicy: "retain" }), exam("phy-quiz"), exam("phy-lab")] },
  },
};

function groupReview(name: string): Review {
  const { before, after } = SCENARIOS[name];
  return review(groupSteps(before, after));
}

test("one changed exam in a course of three: one block with its fields, one upsert, the other two unchanged", () => {
  const r = groupReview("one changed exam in a course of three");
  const md = renderMarkdown(r);
  assert.match(md, /\*\*0 exams created, 1 updated, 0 replaced, 0 closed, 0 retained, 2 unchanged\.\*\* The merge will send 1 upsert to Proctor\./);
  assert.deepEqual(md.match(/^#### .*$/gm), ["#### ✏️ phy-final Exam phy-final: updated"]);
  assert.match(md, /### Science \(100\) · Physics\n/);
  assert.match(md, /\| duration \| 90 \| 120 \|\n\| rules\.allow\\_to\\_use\\_books \| \(not set\) \| true \|/);
  assert.equal(r.exams.find((e) => e.examId === "phy-final")!.resource, "cat-100-Physics[phy-final]");
  assert.equal(sent(r), 1);
  // The HTML timeline: one bar per exam of the course, the changed one marked.
  const { document } = new JSDOM(renderHtml(r)).window;
  assert.deepEqual([...document.querySelectorAll("rect.bar")].map((b) => `${b.getAttribute("data-exam-id")}:${b.getAttribute("data-kind")}`), [
    "phy-final:updated",
    "phy-quiz:unchanged",
    "phy-lab:unchanged",
  ]);
});

test("an exam added to a course is created: one upsert, its fields folded", () => {
  const md = renderMarkdown(groupReview("an exam added to a course"));
  assert.match(md, /\*\*1 exam created, 0 updated, 0 replaced, 0 closed, 0 retained, 3 unchanged\.\*\* The merge will send 1 upsert/);
  assert.match(md, /#### 🆕 phy-resit Exam phy-resit: created\n\n<details><summary>9 fields<\/summary>/);
  assert.match(md, /new phy-resit :active, t1, 2027-02-08 08:00, 2027-02-12 18:00/);
});

test("exams removed from a course follow their own deletionPolicy: one close (one upsert), one retain (none)", () => {
  const r = groupReview("two exams removed, one closed and one retained");
  const md = renderMarkdown(r);
  assert.match(md, /0 exams created, 0 updated, 0 replaced, 1 closed, 1 retained, 1 unchanged\.\*\* The merge will send 1 upsert/);
  assert.match(md, /#### ⛔ phy-quiz Exam phy-quiz: closed: removed from the program; its window ends now \(deletionPolicy close\)/);
  assert.match(md, /#### 📦 phy-lab Exam phy-lab: retained: removed from the stack, stays open in Proctor/);
  assert.match(md, /closes phy-quiz :crit/);
  // A course removed whole: each exam its own fate.
  const whole = renderMarkdown(groupReview("a course removed whole"));
  assert.match(whole, /0 closed, 1 retained, 3 unchanged\.\*\* The merge will send nothing/);
});

test("an exam moved between courses closes nothing: the old course lets it go, the new one adopts it with one upsert", () => {
  const r = groupReview("an exam moved to another course");
  const md = renderMarkdown(r);
  assert.match(md, /\*\*1 exam created, 0 updated, 0 replaced, 0 closed, 0 retained, 3 unchanged, 1 moved to another resource\.\*\* The merge will send 1 upsert/);
  assert.match(md, /#### ↪️ phy-lab Exam phy-lab: moved to resource "cat-100-Chemistry\\\[phy-lab\\\]": the exam stays, nothing is closed/);
  assert.match(md, /#### 🆕 phy-lab Exam phy-lab: created: adopts an existing exam\n\nAdoption: resource "cat-100-Physics\\\[phy-lab\\\]" managed exam "phy-lab" until now/);
  assert.match(md, /\| courseName \| \(not set\) \| "Chemistry" \|/);
  assert.doesNotMatch(md, /closes /);
  assert.equal(sent(r), 1);
});

test("a switch of granularity (exam to course and back) closes nothing and adopts each exam once", () => {
  const before = { cat: physics3 };
  const after = { "cat-100-Physics": physics3 };
  const r = review([...examSteps(before, {}), ...groupSteps({}, after)]);
  assert.equal(sent(r), 3);
  const md = renderMarkdown(r);
  assert.match(md, /\*\*3 exams created, 0 updated, 0 replaced, 0 closed, 0 retained, 0 unchanged, 3 moved to another resource\.\*\* The merge will send 3 upserts/);
  assert.match(md, /#### 🆕 phy-final Exam phy-final: created: adopts an existing exam\n\nAdoption: resource "cat-phy-final" managed exam "phy-final" until now/);
  const back = review([...groupSteps(after, {}), ...examSteps({}, before)]);
  assert.equal(sent(back), 3);
  assert.deepEqual(back.exams.map((e) => e.fate), ["kept", "kept", "kept", "adopt", "adopt", "adopt"]);
});

test("an accountId change inside a course resource replaces the exam and upserts it again; a connection change may close the old one", () => {
  const account = groupReview("an exam whose accountId changed");
  const md = renderMarkdown(account);
  assert.match(md, /#### 🔁 phy-final Exam phy-final: replaced: its accountId changed\n\nExam "phy-final" is upserted again with the new values; nothing is closed\./);
  assert.equal(sent(account), 1);
  const connection = groupReview("an exam whose connection changed");
  assert.match(renderMarkdown(connection), /#### 🔁 phy-quiz Exam phy-quiz: replaced: its connection points to another integration\n\nThe old exam "phy-quiz" is closed/);
  assert.equal(sent(connection), 2);
  assert.match(renderMarkdown(groupReview("an exam whose deletionPolicy alone changed")), /updated \(resource options only, nothing sent\)/);
});

test("the same changes as Exams and as course resources give the same review, but for the resources' names", () => {
  for (const [name, { before, after }] of Object.entries(SCENARIOS)) {
    const asExams = review(examSteps(before, after));
    const asGroups = review(groupSteps(before, after));
    // `cat-100-Physics[phy-final]` is the Exam `cat-100-Physics-phy-final`.
    // The timeline cuts long labels, sometimes before the "]".
    const renamed = (text: string) => text.replace(/(cat-[\w-]+)\\?\[([\w-]*)(\\?\])?/g, "$1-$2");
    assert.equal(renamed(renderMarkdown(asGroups)), renderMarkdown(asExams), name);
    assert.equal(renamed(renderHtml(asGroups)), renderHtml(asExams), name);
    assert.deepEqual(asGroups.exams.map((e) => [e.examId, e.kind, e.fate, e.upserts]), asExams.exams.map((e) => [e.examId, e.kind, e.fate, e.upserts]), name);
  }
});

test("a masked exam string decides no fate: a removed one may close, a changed one may be replaced, an unreadable map is said", () => {
  const group = GROUP_URN("cat-100-Physics");
  const secret = "[secret]";
  const masked = review([
    {
      op: "update",
      urn: group,
      oldState: { inputs: { exams: { a: secret, b: secret, c: secret } } },
      newState: { inputs: { exams: { a: secret, c: secret } } },
      detailedDiff: { 'exams["a"]': { kind: "update" }, 'exams["b"]': { kind: "delete" } },
    },
  ]);
  const [a, b, c] = masked.exams;
  assert.deepEqual([a.kind, b.kind, c.kind], ["replaced", "closed", "unchanged"]);
  const md = renderMarkdown(masked);
  assert.match(md, /#### 🔁 a \(secret\): may be replaced: its arguments are secret, so the review assumes its accountId or connection changed\n\nThe old exam "a" may be closed \(deletionPolicy is secret\)/);
  assert.match(md, /#### ⛔ b \(secret\): may close: deletionPolicy is secret/);
  assert.match(md, /The merge will send 3 upserts/);
  assert.doesNotMatch(md, /\[secret\]/);

  // A course whose exams map is unknown could take over an exam another course lets go: that one may close.
  const unknown = review([
    { op: "update", urn: GROUP_URN("cat-100-Chemistry"), oldState: { inputs: held([exam("chem-final")]) }, newState: { inputs: { exams: UNKNOWN } } },
    ...groupSteps({ "cat-100-Physics": physics3 }, { "cat-100-Physics": [exam("phy-final"), exam("phy-quiz")] }),
  ]);
  const text = renderMarkdown(unknown);
  assert.match(text, /\*\*resource "cat-100-Chemistry"\*\*: its exams are not known until the update runs: the review cannot list them/);
  assert.match(text, /#### ⛔ phy-lab Exam phy-lab: may close: whether another resource takes this exam over is not visible/);
});

test("a course resource's findings land on the exam they name: check failures by exams[\"<id>\"], provider warnings, policy violations", () => {
  const steps = groupSteps({ "cat-100-Physics": physics3 }, { "cat-100-Physics": [exam("phy-final", { duration: 100 }), exam("phy-quiz"), exam("phy-lab")] });
  const urn = GROUP_URN("cat-100-Physics");
  const r = reviewOf(
    {
      steps,
      diagnostics: [
        { urn, severity: "warning", message: 'warning: exam "phy-final": courseCode was removed from the program, but the server keeps its last value\n' },
        {
          urn: GROUP_URN("cat-100-Chemistry"),
          severity: "error",
          message: `error: pulumi-nodejs:dynamic/proctor:ExamGroup resource 'cat-100-Chemistry': property exams["chem 1"].duration value {<nil>} has a problem: exam "chem 1": must be at least 1 (got 0)\n`,
        },
      ],
      hiddenSames: 0,
    },
    [
      { level: "mandatory", policy: "exam-window-fits-duration", resource: "cat-100-Physics", lines: ["An exam's window (endDate − startDate) is at least its duration.", 'exam "cat-100-Physics[phy-lab]" (examId "phy-lab"): endDate − startDate is …'] },
    ],
  );
  const final = r.exams.find((e) => e.examId === "phy-final")!;
  assert.deepEqual(final.warnings.map((w) => [w.field, w.unresettable]), [["courseCode", true]]);
  assert.deepEqual(r.errors, [{ resource: "cat-100-Chemistry", examId: "chem 1", field: "duration", message: "must be at least 1 (got 0)" }]);
  const md = renderMarkdown(r);
  assert.match(md, /- \*\*exam "chem 1"\*\*: duration: must be at least 1 \(got 0\)/);
  assert.match(md, /- \*\*exam "phy-lab" \(resource "cat-100-Physics\\\[phy-lab\\\]"\)\*\*: \\\[mandatory\\\] exam-window-fits-duration/);
  assert.match(md, /- \*\*exam "phy-final" \(resource "cat-100-Physics\\\[phy-final\\\]"\)\*\*: courseCode was removed/);
});
