import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, test } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../provider/errors";
import * as provider from "../../provider/exam/lifecycle";
import * as schema from "../../provider/exam/schema";
import type { ExamState } from "../../provider/exam/state";
import { startEmulator, type Emulator } from "../../emulator/server";
import { validExam } from "../../scripts/lib/exams";
import { INVALID_EXAMS } from "../fixtures/invalid-exams";
import { postExam, sign } from "../harness/emulator-testkit";

// The provider's methods called as the engine calls them, against the emulator.
const SECRET = "provider-test-secret-41aa";
let emulator: Emulator;

/** Configures the provider as the engine does: strings, and objects for keys set with --path. */
function configure(values: Record<string, unknown>): Promise<void> {
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
  const result = await provider.check({}, validExam({ examName: schema.UNKNOWN, startDate: schema.UNKNOWN, duration: schema.UNKNOWN }));
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

test("create stores the exam and keeps only what Proctor answered differently from what was sent", async () => {
  const state = await created({ rules: { allow_to_use_books: true } });
  assert.equal(state.server.status, 201);
  assert.equal(state.server.adopted, false);
  assert.equal(state.server.integrationName, "lms");
  assert.equal(state.schemaVersion, 2);
  // The emulator fills in the documented defaults of the sections; the echo of what was sent is not kept.
  assert.deepEqual(Object.keys(state.server.exam ?? {}), ["rules", "visibleWarnings"]);
  assert.equal((state.server.exam!.rules as Record<string, unknown>).allow_to_use_paper, true);
  assert.equal((state.server.exam!.rules as Record<string, unknown>).allow_to_use_books, undefined);
  assert.equal(emulator.exams().length, 1);
});

test("a state written by version 1 (the whole echo) migrates on read without sending anything", async () => {
  const current = await created({ deletionPolicy: "close" });
  const { server: _server, schemaVersion: _version, ...inputs } = current;
  const echo = { ...declared(inputs), serverAdded: "x" };
  const v1 = { ...current, schemaVersion: 1, server: { ...current.server, exam: echo } } as unknown as ExamState;
  const before = emulator.requests().length;
  const result = await provider.update(v1.examId, v1, (await provider.check({}, validExam({ deletionPolicy: "close" }))).inputs!);
  assert.equal(emulator.requests().length, before);
  const outs = result.outs as ExamState;
  assert.equal(outs.schemaVersion, 2);
  assert.deepEqual(outs.server.exam, { serverAdded: "x" });
});

test("creating an exam that already exists adopts it", async () => {
  await created();
  const state = await created();
  assert.equal(state.server.status, 200);
  assert.equal(state.server.adopted, true);
});

/** What the engine hands diff, create and update: check()'s inputs. */
async function checkedInputs(overrides: Record<string, unknown> = {}): Promise<provider.CheckedInputs> {
  return (await provider.check({}, validExam(overrides))).inputs!;
}

test("diff replaces on examId or accountId, and leaves other changes to the engine", async () => {
  const state = await created();
  assert.deepEqual(await provider.diff(state.examId, state, await checkedInputs({ examId: "other-id" })), { replaces: ["examId"] });
  // Same examId in the same place: the successor is upserted first, and the old resource's delete sends no close.
  assert.deepEqual(await provider.diff(state.examId, state, await checkedInputs({ accountId: "999" })), { replaces: ["accountId"] });
  assert.deepEqual(await provider.diff(state.examId, state, await checkedInputs({ examName: "Renamed" })), {});
});

test("diff replaces when the connection points at another integration", async () => {
  const state = await created();
  await configure({ "proctor:url": emulator.url, "proctor:integrationName": "other", "proctor:jwtSecret": SECRET });
  const diff = await provider.diff(state.examId, state, await checkedInputs());
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

/** The state an earlier deployment wrote: this provider process never upserted the exam. */
async function earlierState(overrides: Record<string, unknown>, integrationName = "lms"): Promise<ExamState> {
  const exam = await checkedInputs(overrides);
  const reply = await postExam(emulator, declared(exam), { integration: integrationName, authorization: `JWT ${await sign(undefined, { secret: SECRET })}` });
  assert.equal(reply.status, 201);
  return { ...exam, server: { url: emulator.url, integrationName, status: 201, adopted: false }, schemaVersion: 2 };
}

function declared(exam: Record<string, unknown>): Record<string, unknown> {
  const { deletionPolicy: _policy, connection: _connection, __secretInputs: _secret, ...body } = exam;
  return body;
}

test("delete with retain sends nothing; with close it ends the window now", async () => {
  const retained = await created();
  await provider.delete(retained.examId, retained);
  assert.equal(emulator.requests().length, 1);

  const closing = await earlierState({ examId: "closing", deletionPolicy: "close", startDate: "2020-01-01T00:00:00Z", endDate: "2099-01-01T00:00:00Z" });
  const before = Date.now();
  await provider.delete(closing.examId, closing);
  const last = emulator.requests().at(-1)!;
  assert.equal(last.status, 200);
  const endDate = Date.parse((last.body as { endDate: string }).endDate);
  assert.ok(Math.abs(endDate - before) < 5000, `endDate ${new Date(endDate).toISOString()} is not now`);
  assert.equal((last.body as { startDate: string }).startDate, "2020-01-01T00:00:00Z");
});

test("a rename: the delete of the old resource sends no close, since the new one upserted the exam", async () => {
  const old = await earlierState({ examId: "life-1", deletionPolicy: "close" });
  await created({ examId: "life-1", deletionPolicy: "close" }); // the renamed resource
  const before = emulator.requests().length;
  await provider.delete(old.examId, old);
  assert.equal(emulator.requests().length, before, "the delete sent a close");
  assert.equal(emulator.exam("lms", "life-1")?.exam.endDate, validExam().endDate);
});

test("a close goes where the state says the exam lives, not where today's config points", async () => {
  const old = await earlierState({ examId: "moved-1", deletionPolicy: "close" }, "other");
  await configure({
    "proctor:url": emulator.url, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET,
    "proctor:connections": JSON.stringify({ old: { url: emulator.url, integrationName: "other", jwtSecret: SECRET } }),
  });
  await provider.delete(old.examId, old);
  const last = emulator.requests().at(-1)!;
  assert.equal(last.integration, "other");
  assert.equal(last.examId, "moved-1");
  assert.equal(emulator.exam("lms", "moved-1"), undefined, "a closed copy was created in the configured integration");
});

test("a close with no configured connection to the exam's place fails, says what to do, and sends nothing", async () => {
  const old = await earlierState({ examId: "stranded-1", deletionPolicy: "close" }, "other");
  const before = emulator.requests().length;
  await assert.rejects(provider.delete(old.examId, old), (error: Error) => {
    assert.match(error.message, /exam "stranded-1" lives in integration "other"/);
    assert.match(error.message, /proctor:connections\.<name>\.url/);
    assert.match(error.message, /deletionPolicy: "retain"/);
    assert.ok(!error.message.includes(SECRET));
    return true;
  });
  assert.equal(emulator.requests().length, before);
});

test("Proctor's answer under an argument passed as a secret is not kept in outputs", async () => {
  const custom = "open-book-secret-rule-93e1";
  const checked = await provider.check({}, { ...validExam({ examId: "secretive", rules: { custom_rules: custom } }), __secretInputs: ["rules"] });
  const state = (await provider.create(checked.inputs!)).outs as ExamState;
  assert.ok(!JSON.stringify(state.server).includes(custom), "the secret rule is in server.exam");
  assert.equal(state.server.exam?.rules, undefined);
});

test("a secret or token echoed in a 2xx answer is redacted before it reaches outputs", async (t) => {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(201, { "content-type": "application/json" });
      response.end(JSON.stringify({ examId: "echoing", debug: { key: SECRET, b64: Buffer.from(SECRET).toString("base64"), auth: request.headers.authorization } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  await configure({ "proctor:url": `http://127.0.0.1:${(server.address() as AddressInfo).port}`, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET });
  const checked = await provider.check({}, validExam({ examId: "echoing" }));
  const state = (await provider.create(checked.inputs!)).outs as ExamState;
  const text = JSON.stringify(state);
  assert.ok(state.server.exam?.debug, "the server's extra answer was dropped altogether");
  for (const leaked of [SECRET, Buffer.from(SECRET).toString("base64"), "eyJ"]) assert.ok(!text.includes(leaked), `${leaked} is in the outputs`);
});

test("each exam is decoded once: check validates, diff, create, update and delete trust its result", async (t) => {
  const counted = t.mock.method(schema, "validateExam");
  const checked = (await provider.check({}, validExam({ examId: "counted", deletionPolicy: "close" }))).inputs!;
  assert.equal(counted.mock.callCount(), 1, "check");
  const state = (await provider.create(checked)).outs as ExamState;
  const edited = (await provider.check({}, validExam({ examId: "counted", deletionPolicy: "close", duration: 90 }))).inputs!;
  counted.mock.resetCalls();
  await provider.diff("counted", state, edited);
  const updated = (await provider.update("counted", state, edited)).outs as ExamState;
  await provider.update("counted", updated, edited);
  await provider.delete("counted", { ...updated, server: { ...updated.server, integrationName: "lms" } });
  assert.equal(counted.mock.callCount(), 0, "diff, create, update or delete validated again");
});

test("configure reports a bad tuning value once, naming the key and its bounds", async () => {
  await assert.rejects(
    configure({ "proctor:url": emulator.url, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET, "proctor:concurrency": "0" }),
    (error: Error) => error instanceof ConfigError && /proctor:concurrency must be a whole number from 1 to 256/.test(error.message),
  );
});

test("configure decodes the stack config once: a named connection and a close read it typed, never parsing proctor:connections again", async (t) => {
  const old = await earlierState({ examId: "moved-2", deletionPolicy: "close" }, "other");
  await configure({
    "proctor:url": emulator.url, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET,
    // As the engine hands a key set with `pulumi config set --path`: an object.
    "proctor:connections": { old: { url: emulator.url, integrationName: "other", jwtSecret: SECRET } },
  });
  const parse = t.mock.method(JSON, "parse");
  const state = (await provider.create(await checkedInputs({ examId: "named-1", connection: "old" }))).outs!;
  assert.equal(state.server.integrationName, "other");
  await provider.delete(old.examId, old);
  assert.equal(emulator.requests().at(-1)!.integration, "other");
  const connectionsParsed = parse.mock.calls.filter((call) => typeof call.arguments[0] === "string" && call.arguments[0].includes('"old"'));
  assert.deepEqual(connectionsParsed, [], "proctor:connections was decoded again after configure");
});

test("a malformed proctor:connections fails configure, naming the key, before any exam is looked at", async () => {
  await assert.rejects(
    configure({ "proctor:url": emulator.url, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET, "proctor:connections": { staging: "https://staging.example.org" } }),
    (error: Error) => error instanceof ConfigError && error.code === "CONFIG_INVALID" && /^proctor:connections\.staging must be an object with url, integrationName and jwtSecret/.test(error.message),
  );
  // The host configures a provider once: every later method reports the same error rather than running without the stack config.
  const checked = await provider.check({}, validExam());
  assert.match(checked.failures?.[0]?.reason ?? "", /proctor:connections\.staging must be an object/);
  await assert.rejects(provider.create(checked.inputs!), /proctor:connections\.staging must be an object/);
});

