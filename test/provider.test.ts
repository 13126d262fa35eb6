import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import * as provider from "../provider/provider";
import { UNKNOWN } from "../provider/schema";
import type { ExamState } from "../provider/state";
import { startEmulator, type Emulator } from "./emulator/server";
import { validExam } from "./fixtures/exams";
import { INVALID_EXAMS } from "./fixtures/invalid-exams";

// The provider's methods called as the engine calls them, against the emulator.
const SECRET = "provider-test-secret-41aa";
let emulator: Emulator;

function configure(values: Record<string, string>): Promise<void> {
  const config = { get: (key: string) => values[key] } as unknown as pulumi.dynamic.ConfigureRequest["config"];
  return provider.configure({ config });
}

before(async () => {
  emulator = await startEmulator({ integrations: [{ name: "lms", secret: SECRET }, { name: "other", secret: SECRET }] });
});
after(() => emulator.close());
beforeEach(async () => {
  await emulator.reset();
  await configure({ "proctor:url": emulator.url, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET });
});

test(`each of ${INVALID_EXAMS.length} invalid exams fails check with its field and reason, and sends nothing`, async () => {
  assert.ok(INVALID_EXAMS.length >= 30);
  for (const invalid of INVALID_EXAMS) {
    const result = await provider.check({}, { ...invalid.input, __provider: "shim" });
    const failures = result.failures ?? [];
    assert.equal(failures.length, 1, `${invalid.name}: ${JSON.stringify(failures)}`);
    assert.equal(failures[0].property, invalid.property, invalid.name);
    assert.match(failures[0].reason, invalid.reason, invalid.name);
  }
  assert.equal(emulator.requests().length, 0);
});

test("check returns the normalized exam: ids as strings, the default deletion policy", async () => {
  const result = await provider.check({}, validExam({ accountId: 123, examId: 456 }));
  assert.deepEqual(result.failures, []);
  assert.equal(result.inputs?.accountId, "123");
  assert.equal(result.inputs?.examId, "456");
  assert.equal(result.inputs?.deletionPolicy, "retain");
});

test("values unknown during preview are not rejected", async () => {
  const result = await provider.check({}, validExam({ examName: UNKNOWN, startDate: UNKNOWN, duration: UNKNOWN }));
  assert.deepEqual(result.failures, []);
});

test("check names the missing connection setting and how to set it", async () => {
  await configure({});
  const saved = { ...process.env };
  delete process.env.PROCTOR_URL;
  delete process.env.PROCTOR_INTEGRATION_NAME;
  delete process.env.PROCTOR_JWT_SECRET;
  try {
    const result = await provider.check({}, validExam());
    assert.equal(result.failures?.[0]?.property, "connection");
    assert.match(result.failures?.[0]?.reason ?? "", /pulumi config set proctor:url/);
  } finally {
    Object.assign(process.env, saved);
  }
});

async function created(overrides: Record<string, unknown> = {}): Promise<ExamState> {
  const checked = await provider.check({}, validExam(overrides));
  const result = await provider.create(checked.inputs!);
  return result.outs as ExamState;
}

test("create stores the exam and records the server's answer", async () => {
  const state = await created();
  assert.equal(state.server.status, 201);
  assert.equal(state.server.adopted, false);
  assert.equal(state.server.integrationName, "lms");
  assert.equal((state.server.exam as { examId: string }).examId, state.examId);
  assert.equal(emulator.exams().length, 1);
});

test("creating an exam that already exists adopts it", async () => {
  await created();
  const state = await created();
  assert.equal(state.server.status, 200);
  assert.equal(state.server.adopted, true);
});

test("diff replaces on examId or accountId, and leaves other changes to the engine", async () => {
  const state = await created();
  assert.deepEqual(await provider.diff(state.examId, state, validExam({ examId: "other-id" })), { replaces: ["examId"], deleteBeforeReplace: false });
  // Same examId, so possibly the same exam on the server: delete (close) the old one first.
  assert.deepEqual(await provider.diff(state.examId, state, validExam({ accountId: "999" })), { replaces: ["accountId"], deleteBeforeReplace: true });
  assert.deepEqual(await provider.diff(state.examId, state, validExam({ examName: "Renamed" })), {});
});

test("diff replaces when the connection points at another integration", async () => {
  const state = await created();
  await configure({ "proctor:url": emulator.url, "proctor:integrationName": "other", "proctor:jwtSecret": SECRET });
  const diff = await provider.diff(state.examId, state, validExam());
  assert.equal(diff.changes, true);
  assert.deepEqual(diff.replaces, ["connection"]);
});

test("update sends nothing when only resource options changed", async () => {
  const state = await created();
  const before = emulator.requests().length;
  const result = await provider.update(state.examId, state, (await provider.check({}, validExam({ deletionPolicy: "close" }))).inputs!);
  assert.equal(emulator.requests().length, before);
  assert.equal((result.outs as ExamState).deletionPolicy, "close");
  assert.equal((result.outs as ExamState).server.status, 201);
});

test("a rules key removed from code is sent with its documented default", async () => {
  const state = await created({ rules: { allow_to_use_paper: false } });
  const result = await provider.update(state.examId, state, (await provider.check({}, validExam({ rules: {} }))).inputs!);
  const sent = emulator.requests().at(-1)!.body as { rules: Record<string, unknown> };
  assert.deepEqual(sent.rules, { allow_to_use_paper: true });
  assert.equal((result.outs as ExamState).server.status, 200);
});

test("delete with retain sends nothing; with close it ends the window now", async () => {
  const retained = await created();
  await provider.delete(retained.examId, retained);
  assert.equal(emulator.requests().length, 1);

  const closing = await created({ examId: "closing", deletionPolicy: "close", startDate: "2020-01-01T00:00:00Z", endDate: "2099-01-01T00:00:00Z" });
  const before = Date.now();
  await provider.delete(closing.examId, closing);
  const last = emulator.requests().at(-1)!;
  assert.equal(last.status, 200);
  const endDate = Date.parse((last.body as { endDate: string }).endDate);
  assert.ok(Math.abs(endDate - before) < 5000, `endDate ${new Date(endDate).toISOString()} is not now`);
  assert.equal((last.body as { startDate: string }).startDate, "2020-01-01T00:00:00Z");
});
