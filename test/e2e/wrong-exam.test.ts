import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { startEmulator } from "../../emulator/server";
import { validExam } from "../../scripts/lib/exams";
import { CatalogueStack, ExamStack } from "../harness/exam-stack";
import { PulumiStack } from "../../scripts/lib/pulumi-stack";
import { endedByClose } from "../harness/closes";

// A delete with deletionPolicy "close" ends an exam's window: it must never
// reach an exam that a resource of the deployment still manages, nor an exam
// in another place than the one the state records. Real CLI, real emulator.
const EXAM_TYPE = "pulumi-nodejs:dynamic/proctor:Exam";
const LIVE_END = "2099-06-30T12:00:00Z";
const live = (examId: string, overrides: Record<string, unknown> = {}) =>
  validExam({ examId, deletionPolicy: "close", endDate: LIVE_END, ...overrides });

describe("a close never reaches the wrong exam, end to end", () => {
  it("renaming an Exam with deletionPolicy close keeps the live exam open", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    await s.declare([{ name: "life", args: live("life-1") }]);
    assert.equal((await s.stack.up()).code, 0);

    await s.declare([{ name: "life-renamed", args: live("life-1") }]);
    const before = s.emulator.requests().length;
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /exam "life-1" in integration "lms" is now managed by another resource of this deployment .*not closed/);
    const sent = s.emulator.requests().slice(before);
    assert.deepEqual(sent.map((r) => [r.examId, r.status, (r.body as { endDate: string }).endDate]), [["life-1", 200, LIVE_END]]);
    assert.equal(s.emulator.exam("lms", "life-1")!.exam.endDate, LIVE_END);
    assert.deepEqual((await s.stack.resources(EXAM_TYPE)).map((r) => r.urn.split("::").at(-1)), ["life-renamed"]);
  });

  it("changing accountId replaces in place: created first, no close sent", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    await s.declare([{ name: "moving", args: live("acct-1", { accountId: "100" }) }]);
    assert.equal((await s.stack.up()).code, 0);
    await s.declare([{ name: "moving", args: live("acct-1", { accountId: "200" }) }]);
    const before = s.emulator.requests().length;
    const up = await s.stack.up();
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /1 replaced/);
    const sent = s.emulator.requests().slice(before);
    assert.deepEqual(sent.map((r) => [(r.body as { accountId: string }).accountId, (r.body as { endDate: string }).endDate]), [["200", LIVE_END]]);
    assert.equal(s.emulator.exam("lms", "acct-1")!.exam.endDate, LIVE_END);
  });

  it("one examId declared by two resources fails before anything is sent, naming both", async (t) => {
    const s = await ExamStack.create();
    t.after(() => s.cleanup());
    await s.declare([
      { name: "first", args: live("twice-1") },
      { name: "second", args: live("twice-1", { examName: "Another exam" }) },
    ]);
    const up = await s.stack.up();
    assert.notEqual(up.code, 0);
    assert.match(up.output, new RegExp(`exam "twice-1" is declared twice on integration "lms" at ${s.emulator.url}, by resources "first" \\(connection "default"\\) and "second" \\(connection "default"\\)`));
    assert.deepEqual(s.emulator.requests(), []);
  });

  const CATALOGUE = `schedule: false
proctoring: auto
duration: 60
startDate: "2027-01-11T08:00:00Z"
endDate: "${LIVE_END}"
deletionPolicy: close
accounts:
  - accountId: "100"
    accountName: Science
    courses:
      - courseName: Physics
        exams:
          - { examId: phy-1, examName: Physics 1 }
          - { examId: phy-2, examName: Physics 2 }
          - { examId: phy-3, examName: Physics 3 }
`;

  it("renaming a Catalogue: with an alias nothing is sent; without one no exam is closed", async (t) => {
    const catalogue = await CatalogueStack.create({ name: "lms", secret: "catalogue-rename-secret" });
    t.after(() => catalogue.cleanup());
    const { emulator, stack } = catalogue;
    await catalogue.write(CATALOGUE);
    assert.equal((await stack.up({ E2E_CATALOGUE_NAME: "term" })).code, 0);
    assert.equal(emulator.requests().length, 3);

    // The documented way: the old name as an alias; the exams' names follow it.
    const aliased = await stack.up({ E2E_CATALOGUE_NAME: "autumn", E2E_CATALOGUE_ALIASES: "term" });
    assert.equal(aliased.code, 0, aliased.output);
    assert.equal(emulator.requests().length, 3, "the aliased rename sent requests");
    assert.doesNotMatch(aliased.output, /created|deleted/);
    assert.ok((await stack.resources(EXAM_TYPE)).every((r) => r.urn.endsWith(`::autumn-${r.id}`)));

    // Without the alias: three adoptions, and the three deletes send no close.
    const renamed = await stack.up({ E2E_CATALOGUE_NAME: "spring" });
    assert.equal(renamed.code, 0, renamed.output);
    const sent = emulator.requests().slice(3);
    assert.deepEqual(sent.map((r) => r.status), [200, 200, 200]);
    for (const id of ["phy-1", "phy-2", "phy-3"]) assert.equal(emulator.exam("lms", id)!.exam.endDate, LIVE_END, `${id} was closed`);
  });

  it("after proctor:url moves, a close goes to where the exam lives, or fails saying what to configure", async (t) => {
    const a = await startEmulator({ integrations: [{ name: "lms-a", secret: "secret-of-a-1234" }] });
    const b = await startEmulator({ integrations: [{ name: "lms-b", secret: "secret-of-b-5678" }] });
    const dir = await mkdtemp(path.join(tmpdir(), "connection-move-"));
    const examsFile = path.join(dir, "exams.json");
    await writeFile(examsFile, JSON.stringify([{ name: "mover", args: live("move-1") }]));
    const stack = await PulumiStack.create({
      program: "scripts/lib/programs/exams/index.js",
      config: { "proctor:url": a.url, "proctor:integrationName": "lms-a" },
      secrets: { "proctor:jwtSecret": "secret-of-a-1234" },
      env: { E2E_EXAMS_FILE: examsFile },
    });
    t.after(async () => {
      await Promise.all([a.close(), b.close()]);
      await rm(dir, { recursive: true, force: true });
      await stack.cleanup();
    });
    assert.equal((await stack.up()).code, 0);

    await stack.setConfig("proctor:url", b.url);
    await stack.setConfig("proctor:integrationName", "lms-b");
    await stack.setConfig("proctor:jwtSecret", "secret-of-b-5678", true);
    const stranded = await stack.up();
    assert.notEqual(stranded.code, 0);
    assert.match(stranded.output, /exam "move-1" lives in integration "lms-a" at http:\/\/127\.0\.0\.1:\d+, and no configured Proctor connection points there/);
    assert.doesNotMatch(stranded.output, /secret-of-[ab]/);
    assert.equal(a.requests().length, 1, "A received something");
    assert.deepEqual(b.requests(), [], "B received the close of an exam that lives in A");

    // With a connection to A configured, the close goes to A, and the exam is created in B.
    await stack.setConfig("proctor:connections.old.url", a.url);
    await stack.setConfig("proctor:connections.old.integrationName", "lms-a");
    await stack.setConfig("proctor:connections.old.jwtSecret", "secret-of-a-1234", true);
    const moved = await stack.up();
    assert.equal(moved.code, 0, moved.output);
    assert.deepEqual(a.requests().slice(1).map((r) => [r.examId, r.status]), [["move-1", 200]]);
    assert.ok(endedByClose(a.exam("lms-a", "move-1")!.exam.endDate), "the exam in A was not closed");
    assert.deepEqual(b.requests().map((r) => [r.examId, r.status]), [["move-1", 201]]);
    assert.equal(b.exam("lms-b", "move-1")!.exam.endDate, LIVE_END);
  });
});
