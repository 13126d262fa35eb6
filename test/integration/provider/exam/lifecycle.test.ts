import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import * as provider from "../../../../provider/exam/lifecycle";
import * as schema from "../../../../provider/exam/schema";
import type { ExamState } from "../../../../provider/exam/state";
import { startEmulator, type Emulator } from "../../../../emulator/server";
import { validExam } from "../../../../scripts/lib/exams";
import { isRecord } from "../../../../provider/record";
import fc from "fast-check";
import { validExamArb } from "../../../fixtures/arbitrary-exams";
import { postExam, sign } from "../../../harness/emulator-testkit";

describe("provider/exam/lifecycle against the emulator", () => {
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

  /** What the engine hands diff, create and update: check()'s inputs. */
  async function checkedInputs(overrides: Record<string, unknown> = {}): Promise<provider.CheckedInputs> {
    return (await provider.check({}, validExam(overrides))).inputs!;
  }

  async function created(overrides: Record<string, unknown> = {}): Promise<ExamState> {
    const checked = await provider.check({}, validExam(overrides));
    const result = await provider.create(checked.inputs!);
    return result.outs as ExamState;
  }

  it("create stores the exam and keeps only what Proctor answered differently from what was sent", async () => {
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

  it("a state written by version 1 (the whole echo) migrates on read without sending anything", async () => {
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

  it("creating an exam that already exists adopts it", async () => {
    await created();
    const state = await created();
    assert.equal(state.server.status, 200);
    assert.equal(state.server.adopted, true);
  });

  it("update sends nothing when only resource options changed", async () => {
    const state = await created();
    const before = emulator.requests().length;
    const result = await provider.update(state.examId, state, (await provider.check({}, validExam({ deletionPolicy: "close" }))).inputs!);
    assert.equal(emulator.requests().length, before);
    assert.equal((result.outs as ExamState).deletionPolicy, "close");
    assert.equal((result.outs as ExamState).server.status, 201);
  });

  it("a rules key removed from code is sent with its documented default", async () => {
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

  it("delete with retain sends nothing; with close it ends the window now", async () => {
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

  it("a rename: the delete of the old resource sends no close, since the new one upserted the exam", async () => {
    const old = await earlierState({ examId: "life-1", deletionPolicy: "close" });
    await created({ examId: "life-1", deletionPolicy: "close" }); // the renamed resource
    const before = emulator.requests().length;
    await provider.delete(old.examId, old);
    assert.equal(emulator.requests().length, before, "the delete sent a close");
    assert.equal(emulator.exam("lms", "life-1")?.exam.endDate, validExam().endDate);
  });

  it("a close goes where the state says the exam lives, not where today's config points", async () => {
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

  it("a close with no configured connection to the exam's place fails, says what to do, and sends nothing", async () => {
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

  it("Proctor's answer under an argument passed as a secret is not kept in outputs", async () => {
    const custom = "open-book-secret-rule-93e1";
    const checked = await provider.check({}, { ...validExam({ examId: "secretive", rules: { custom_rules: custom } }), __secretInputs: ["rules"] });
    const state = (await provider.create(checked.inputs!)).outs as ExamState;
    assert.ok(!JSON.stringify(state.server).includes(custom), "the secret rule is in server.exam");
    assert.equal(state.server.exam?.rules, undefined);
  });

  it("a secret or token echoed in a 2xx answer is redacted before it reaches outputs", async (t) => {
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

  it("each exam is decoded once: check validates, diff, create, update and delete trust its result", async (t) => {
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

  it("configure decodes the stack config once: a named connection and a close read it typed, never parsing proctor:connections again", async (t) => {
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
});

describe("provider/exam/lifecycle: a property of create() against the emulator", () => {
  // Every valid exam arrives at the server with the values declared (fast-check).
  // The check()-only properties are unit tests: test/unit/provider/exam/lifecycle.test.ts.
  const INTEGRATION = "property-lms";
  const SECRET = "property-test-secret-5b1e";

  let emulator: Emulator;
  const warnings: string[] = [];
  const realWarn = console.warn;

  before(async () => {
    emulator = await startEmulator({ integrations: [{ name: INTEGRATION, secret: SECRET }] });
    // The provider reads its connection from the environment when no stack config is given.
    process.env.PROCTOR_URL = emulator.url;
    process.env.PROCTOR_INTEGRATION_NAME = INTEGRATION;
    process.env.PROCTOR_JWT_SECRET = SECRET;
    await provider.configure({ config: { get: () => undefined } as unknown as pulumi.dynamic.ConfigureRequest["config"] });
    // Outside an engine, pulumi.log.warn prints with console.warn: collect instead, to assert on them.
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
  });

  after(async () => {
    console.warn = realWarn;
    await emulator.close();
  });

  beforeEach(() => emulator.reset());

  /** What the API must receive for declared arguments: the same values, ids as strings, resource options left out. */
  function expectedBody(exam: Record<string, unknown>): Record<string, unknown> {
    const { deletionPolicy: _policy, ...fields } = exam;
    return JSON.parse(JSON.stringify({ ...fields, accountId: String(exam.accountId), examId: String(exam.examId) }));
  }

  it("valid exams: create() sends the declared values and the server stores them unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(validExamArb, async (exam) => {
        await emulator.reset();
        warnings.length = 0;
        const checked = await provider.check({}, exam);
        assert.deepEqual(checked.failures, [], `a valid exam was refused: ${JSON.stringify(exam)}`);
        const notHalfHours = (exam.duration as number) % 30 !== 0;
        assert.equal(warnings.some((w) => w.includes("not a multiple of 30")), notHalfHours, warnings.join("\n"));

        const created = await provider.create(checked.inputs!);
        assert.equal(created.id, String(exam.examId));
        const requests = emulator.requests();
        assert.deepEqual(requests.map((r) => r.status), [201], JSON.stringify(requests.map((r) => r.error)));
        const expected = expectedBody(exam);
        assert.deepEqual(requests[0].body, expected, "the body sent differs from the declared exam");

        const stored = emulator.exam(INTEGRATION, String(exam.examId))?.exam;
        assert.ok(stored, "the exam was not stored");
        for (const [key, value] of Object.entries(expected)) {
          // Sections come back with the documented defaults of keys not sent; the keys sent must be unchanged.
          if (isRecord(value)) for (const [inner, v] of Object.entries(value)) assert.deepEqual((stored[key] as Record<string, unknown>)[inner], v, `${key}.${inner}`);
          else assert.deepEqual(stored[key], value, key);
        }
      }),
      { numRuns: 150 },
    );
  });
});
