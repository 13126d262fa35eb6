import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Emulator } from "../../emulator/server";
import type { RequestLogEntry } from "../../emulator/log";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";
import { announced, assertUpDidWhatReviewSaid } from "../harness/review-agreement";
import { closesIn, endedByClose } from "../harness/closes";
import { CatalogueStack } from "../harness/exam-stack";

// A Catalogue with granularity "course": one ExamGroup per course, and every
// promise of an Exam per exam inside it, on the real CLI and the emulator. The
// tests run in order on one stack, each a user's next edit of the catalogue file.

const INTEGRATION = { name: "granularity-e2e", secret: "granularity-e2e-secret-7c1d" };
const GROUP_TYPE = "pulumi-nodejs:dynamic/proctor:ExamGroup";

interface Exam {
  examId: string;
  examName?: string;
  duration?: number;
  accountId?: string;
  deletionPolicy?: "close" | "retain";
}
interface Course {
  accountId: string;
  courseName: string;
  exams: Exam[];
}

const initial = (): Course[] => [
  { accountId: "100", courseName: "Physics", exams: [{ examId: "phy-final", deletionPolicy: "close" }, { examId: "phy-quiz", deletionPolicy: "close" }, { examId: "phy-lab" }] },
  { accountId: "100", courseName: "Chemistry", exams: [{ examId: "che-final", deletionPolicy: "close" }, { examId: "che-quiz" }, { examId: "che-lab" }] },
  { accountId: "200", courseName: "History", exams: [{ examId: "his-final" }, { examId: "his-essay" }, { examId: "his-oral" }] },
];

function yaml(courses: Course[]): string {
  const lines = ['schedule: false', "proctoring: auto", "duration: 60", 'startDate: "2027-01-11T08:00:00Z"', 'endDate: "2027-01-29T20:00:00Z"', "accounts:"];
  for (const accountId of [...new Set(courses.map((c) => c.accountId))]) {
    lines.push(`  - accountId: "${accountId}"`, `    accountName: Account ${accountId}`, "    courses:");
    for (const course of courses.filter((c) => c.accountId === accountId)) {
      lines.push(`      - courseName: ${course.courseName}`, "        exams:");
      for (const exam of course.exams) {
        const fields = Object.entries({ examName: `${exam.examId} exam`, ...exam }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
        lines.push(`          - { ${fields.join(", ")} }`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

let catalogue: CatalogueStack;
let emulator: Emulator;
let stack: PulumiStack;
let courses: Course[];

async function declare(next: Course[]): Promise<void> {
  courses = next;
  await catalogue.write(yaml(next));
}

/** `pulumi up` with the declared catalogue; what the emulator received during it. */
async function up(granularity = "course", expectOk = true): Promise<{ output: string; requests: RequestLogEntry[] }> {
  const before = emulator.requests().length;
  const run = await stack.up({ E2E_CATALOGUE_GRANULARITY: granularity });
  if (expectOk) assert.equal(run.code, 0, run.output);
  return { output: run.output, requests: emulator.requests().slice(before) };
}

const ids = (requests: RequestLogEntry[]) => requests.map((r) => r.examId).sort();
/** The ExamGroups the catalogue declares: one per account and course (an exam's own accountId counts). */
const groupCount = () => new Set(courses.flatMap((c) => c.exams.map((e) => `${e.accountId ?? c.accountId}/${c.courseName}`))).size;

describe("course granularity, end to end", () => {
  before(async () => {
    catalogue = await CatalogueStack.create(INTEGRATION);
    ({ emulator, stack } = catalogue);
  });

  after(async () => {
    await catalogue?.cleanup();
  });

  it("create: one resource per course, every exam upserted once, and a second up sends nothing", async () => {
    await declare(initial());
    const { requests } = await up();
    assert.deepEqual(ids(requests), ["che-final", "che-lab", "che-quiz", "his-essay", "his-final", "his-oral", "phy-final", "phy-lab", "phy-quiz"]);
    assert.equal((await stack.resources(GROUP_TYPE)).length, groupCount());
    assert.equal(emulator.exam(INTEGRATION.name, "phy-quiz")?.exam.examName, "phy-quiz exam");
    assert.deepEqual((await up()).requests, []);
  });

  it("one changed field: the preview names the exam and field, up sends one upsert", async () => {
    const next = initial();
    next[0].exams[1].duration = 90;
    await declare(next);
    const preview = await stack.preview({ E2E_CATALOGUE_GRANULARITY: "course" });
    assert.equal(preview.code, 0, preview.output);
    assert.match(preview.output, /phy-quiz/);
    assert.match(preview.output, /duration\s*:\s*60\s*=>\s*90/);
    assert.doesNotMatch(preview.output, /phy-final[^\n]*=>/);
    const { requests } = await up();
    assert.deepEqual(ids(requests), ["phy-quiz"]);
    assert.equal(emulator.exam(INTEGRATION.name, "phy-quiz")?.exam.duration, 90);
  });

  it("removed exams follow their own deletionPolicy: close sends one close, retain sends nothing", async () => {
    const next = courses.map((c) => ({ ...c, exams: c.exams.filter((e) => e.examId !== "phy-final" && e.examId !== "phy-lab") }));
    await declare(next);
    const { requests, output } = await up();
    assert.deepEqual(ids(requests), ["phy-final"]);
    assert.deepEqual(closesIn(requests), ["phy-final"]);
    assert.match(output, /exam "phy-lab" stays in Constructor Proctor/);
  });

  it("moving an exam to another course closes nothing; its new courseName is its one upsert", async () => {
    const next = courses.map((c) => ({ ...c, exams: c.exams.filter((e) => e.examId !== "che-final") }));
    next[0].exams.push({ examId: "che-final", deletionPolicy: "close" });
    await declare(next);
    const { requests } = await up();
    assert.deepEqual(ids(requests), ["che-final"]);
    assert.deepEqual(closesIn(requests), []);
    assert.equal(emulator.exam(INTEGRATION.name, "che-final")?.exam.courseName, "Physics");
  });

  it("an accountId change replaces the exam in place: one upsert to the same examId, nothing closed", async () => {
    const next = courses.map((c) => ({ ...c, exams: c.exams.map((e) => (e.examId === "phy-quiz" ? { ...e, accountId: "101" } : e)) }));
    await declare(next);
    const { requests } = await up();
    assert.deepEqual(ids(requests), ["phy-quiz"]);
    assert.deepEqual(closesIn(requests), []);
  });

  it("an examId change: the old exam's own fate (close) plus the new one's upsert", async () => {
    const next = courses.map((c) => ({ ...c, exams: c.exams.map((e) => (e.examId === "phy-quiz" ? { ...e, examId: "phy-quiz-2" } : e)) }));
    await declare(next);
    const { requests } = await up();
    assert.deepEqual(ids(requests), ["phy-quiz", "phy-quiz-2"]);
    assert.deepEqual(closesIn(requests), ["phy-quiz"]);
  });

  it("the review of a course-level preview announces exactly what up sends, exam by exam", async () => {
    const next = courses.map((c) => ({
      ...c,
      exams: c.exams
        .filter((e) => e.examId !== "che-quiz")
        .map((e) => (e.examId === "his-essay" ? { ...e, examName: "History essay, revised" } : e)),
    }));
    next[2].exams.push({ examId: "his-resit", deletionPolicy: "close" });
    next[1].exams = next[1].exams.map((e) => (e.examId === "che-lab" ? { ...e, deletionPolicy: "close" } : e));
    await declare(next);
    const preview = await stack.run(["preview", "--json", "--show-sames"], { E2E_CATALOGUE_GRANULARITY: "course" });
    assert.equal(preview.code, 0, preview.output);
    assert.deepEqual([...announced(preview.stdout).upserts.keys()].sort(), ["his-essay", "his-resit"], "che-quiz is retained; che-lab's deletionPolicy sends nothing");
    const { requests } = await up();
    assertUpDidWhatReviewSaid(preview.stdout, requests);
  });

  it("renaming the catalogue without an alias closes nothing: the new course resources adopt the exams", async () => {
    const before = emulator.requests().length;
    const run = await stack.up({ E2E_CATALOGUE_GRANULARITY: "course", E2E_CATALOGUE_NAME: "renamed" });
    assert.equal(run.code, 0, run.output);
    const requests = emulator.requests().slice(before);
    assert.deepEqual(closesIn(requests), []);
    assert.deepEqual(ids(requests), courses.flatMap((c) => c.exams.map((e) => e.examId)).sort(), "each exam adopted once");
    assert.deepEqual((await stack.up({ E2E_CATALOGUE_GRANULARITY: "course", E2E_CATALOGUE_NAME: "renamed" })).code, 0);
    assert.deepEqual(closesIn((await up()).requests), [], "renaming back closed an exam");
  });

  it("a failed validation names the exam and the field, and nothing is sent", async () => {
    const next = courses.map((c) => ({ ...c, exams: c.exams.map((e) => (e.examId === "his-oral" ? { ...e, duration: 0 } : e)) }));
    await declare(next);
    const { output, requests } = await up("course", false);
    assert.match(output, /his-oral/);
    assert.match(output, /duration/);
    assert.deepEqual(requests, []);
  });

  it("a partial failure stores what succeeded, names what failed, and the next up sends only that", async () => {
    // Only History's exams change, so that the failure is its group's alone (the engine stops scheduling other steps at an error).
    const next = courses.map((c) => ({ ...c, exams: c.exams.map((e) => (c.courseName === "History" ? { ...e, duration: 75 } : e)) }));
    await declare(next);
    emulator.injectFault({ status: 400, count: 2 });
    const first = await up("course", false);
    const failed = first.requests.filter((r) => r.status === 400).map((r) => r.examId!).sort();
    assert.equal(failed.length, 2, first.output);
    for (const examId of failed) {
      assert.match(first.output, new RegExp(`exam "${examId}": .*400`), "the failed exam and what the server answered");
      assert.doesNotMatch(first.output, new RegExp(`exam "${examId}": exam "${examId}"`), "the exam named twice");
    }
    const second = await up();
    assert.deepEqual(ids(second.requests), failed);
    assert.deepEqual((await up()).requests, []);
  });

  it("switching granularity (course to exam and back) closes nothing and converges", async (t) => {
    const toExam = await up("exam");
    t.diagnostic(`course -> exam sent ${toExam.requests.length} upserts (the same exams, adopted by their new resources)`);
    assert.deepEqual(closesIn(toExam.requests), []);
    assert.equal((await stack.resources(GROUP_TYPE)).length, 0);
    assert.deepEqual((await up("exam")).requests, []);
    const toCourse = await up("course");
    t.diagnostic(`exam -> course sent ${toCourse.requests.length} upserts`);
    assert.deepEqual(closesIn(toCourse.requests), []);
    assert.equal((await stack.resources(GROUP_TYPE)).length, groupCount());
    assert.deepEqual((await up("course")).requests, []);
    const declared = new Set(courses.flatMap((c) => c.exams.map((e) => e.examId)));
    for (const exam of emulator.exams().filter((e) => declared.has(e.examId))) {
      assert.ok(!endedByClose(exam.exam.endDate), `${exam.examId} was closed`);
    }
  });

  it("the JWT secret is nowhere in the state", async () => {
    const { text } = await stack.exportState();
    assert.ok(!text.includes(INTEGRATION.secret));
  });

  it("destroy: every exam's own deletionPolicy", async () => {
    const before = emulator.requests().length;
    const run = await stack.destroy({ E2E_CATALOGUE_GRANULARITY: "course" });
    assert.equal(run.code, 0, run.output);
    const requests = emulator.requests().slice(before);
    const closing = courses.flatMap((c) => c.exams.filter((e) => e.deletionPolicy === "close").map((e) => e.examId)).sort();
    assert.deepEqual(closesIn(requests), closing);
    assert.deepEqual(ids(requests), closing);
  });
});
