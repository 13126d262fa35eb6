import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { ConfigError } from "../../../../provider/errors";
import * as provider from "../../../../provider/exam/lifecycle";
import * as schema from "../../../../provider/exam/schema";
import type { ExamState } from "../../../../provider/exam/state";
import { validExam } from "../../../../scripts/lib/exams";
import { garbageArb, invalidExamArb } from "../../../fixtures/arbitrary-exams";
import { HANG_MS, INVALID_EXAMS } from "../../../fixtures/invalid-exams";
import { socketAttempts } from "../../../harness/sockets";

describe("provider/exam/lifecycle", () => {
  // The provider's methods called as the engine calls them, where they send nothing: check, diff,
  // and configure. What create, update and delete send is test/integration/provider/exam/lifecycle.test.ts.
  const SECRET = "provider-test-secret-41aa";
  // Never contacted: a method that tried would open a socket, which these tests count.
  const URL = "https://proctor.example.org";
  let sockets: ReturnType<typeof socketAttempts>;
  let savedEnv: [string, string | undefined][];

  /** Configures the provider as the engine does: strings, and objects for keys set with --path. */
  function configure(values: Record<string, unknown>): Promise<void> {
    const config = { get: (key: string) => values[key] } as unknown as pulumi.dynamic.ConfigureRequest["config"];
    return provider.configure({ config });
  }

  /** What the engine hands diff, create and update: check()'s inputs. */
  async function checkedInputs(overrides: Record<string, unknown> = {}): Promise<provider.CheckedInputs> {
    return (await provider.check({}, validExam(overrides))).inputs!;
  }

  /** The state a create in integration "lms" at URL wrote for an exam. */
  async function stored(overrides: Record<string, unknown> = {}): Promise<ExamState> {
    return { ...(await checkedInputs(overrides)), server: { url: URL, integrationName: "lms", status: 201, adopted: false }, schemaVersion: 2 };
  }

  before(() => {
    savedEnv = Object.keys(process.env).filter((key) => key.startsWith("PROCTOR_")).map((key) => [key, process.env[key]]);
    sockets = socketAttempts();
  });
  after(() => {
    sockets.stop();
    for (const key of Object.keys(process.env)) if (key.startsWith("PROCTOR_")) delete process.env[key];
    for (const [key, value] of savedEnv) if (value !== undefined) process.env[key] = value;
  });
  beforeEach(async () => {
    await configure({ "proctor:url": URL, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET });
  });

  it(`each of ${INVALID_EXAMS.length} invalid exams fails check with its field and reason, and sends nothing`, async () => {
    const opened = sockets.count();
    assert.ok(INVALID_EXAMS.length >= 30);
    for (const invalid of INVALID_EXAMS) {
      const result = await provider.check({}, { ...invalid.input, __provider: "shim" });
      const failures = result.failures ?? [];
      assert.equal(failures.length, 1, `${invalid.name}: ${JSON.stringify(failures)}`);
      assert.equal(failures[0].property, invalid.property, invalid.name);
      assert.match(failures[0].reason, invalid.reason, invalid.name);
    }
    assert.equal(sockets.count() - opened, 0);
  });

  it("check returns the normalized exam: ids as strings, the default deletion policy", async () => {
    const result = await provider.check({}, validExam({ accountId: 123, examId: 456 }));
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs?.accountId, "123");
    assert.equal(result.inputs?.examId, "456");
    assert.equal(result.inputs?.deletionPolicy, "retain");
  });

  it("values unknown during preview are not rejected", async () => {
    const result = await provider.check({}, validExam({ examName: schema.UNKNOWN, startDate: schema.UNKNOWN, duration: schema.UNKNOWN }));
    assert.deepEqual(result.failures, []);
  });

  it("check names the missing connection setting and how to set it", async () => {
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

  it("diff replaces on examId or accountId, and leaves other changes to the engine", async () => {
    const state = await stored();
    assert.deepEqual(await provider.diff(state.examId, state, await checkedInputs({ examId: "other-id" })), { replaces: ["examId"] });
    // Same examId in the same place: the successor is upserted first, and the old resource's delete sends no close.
    assert.deepEqual(await provider.diff(state.examId, state, await checkedInputs({ accountId: "999" })), { replaces: ["accountId"] });
    assert.deepEqual(await provider.diff(state.examId, state, await checkedInputs({ examName: "Renamed" })), {});
  });

  it("diff replaces when the connection points at another integration", async () => {
    const state = await stored();
    await configure({ "proctor:url": URL, "proctor:integrationName": "other", "proctor:jwtSecret": SECRET });
    const diff = await provider.diff(state.examId, state, await checkedInputs());
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, ["connection"]);
  });

  it("configure reports a bad tuning value once, naming the key and its bounds", async () => {
    await assert.rejects(
      configure({ "proctor:url": URL, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET, "proctor:concurrency": "0" }),
      (error: Error) => error instanceof ConfigError && /proctor:concurrency must be a whole number from 1 to 256/.test(error.message),
    );
  });

  it("a malformed proctor:connections fails configure, naming the key, before any exam is looked at", async () => {
    await assert.rejects(
      configure({ "proctor:url": URL, "proctor:integrationName": "lms", "proctor:jwtSecret": SECRET, "proctor:connections": { staging: "https://staging.example.org" } }),
      (error: Error) => error instanceof ConfigError && error.code === "CONFIG_INVALID" && /^proctor:connections\.staging must be an object with url, integrationName and jwtSecret/.test(error.message),
    );
    // The host configures a provider once: every later method reports the same error rather than running without the stack config.
    const checked = await provider.check({}, validExam());
    assert.match(checked.failures?.[0]?.reason ?? "", /proctor:connections\.staging must be an object/);
    await assert.rejects(provider.create(checked.inputs!), /proctor:connections\.staging must be an object/);
  });

  // Properties of check(), with fast-check: bad input is refused before anything is sent.
  // Run counts keep the file within a few seconds; a failure prints its seed.
  describe("check() properties", () => {
    /** A failure reported for `path` itself or for something inside it. */
    const names = (property: string, path: string): boolean =>
      property === path || property.startsWith(`${path}.`) || property.startsWith(`${path}[`);

    // Only check() validates: the engine never hands create() inputs that check() refused.
    it("invalid exams: check() names every defect, nothing is sent", async () => {
      const opened = sockets.count();
      await fc.assert(
        fc.asyncProperty(invalidExamArb, async ({ exam, paths }) => {
          const result = await provider.check({}, exam);
          const failures = result.failures ?? [];
          for (const path of paths) {
            assert.ok(failures.some((f) => names(f.property, path)), `no failure names ${path}: ${JSON.stringify(failures)}`);
          }
          for (const failure of failures) {
            assert.ok(failure.property !== "" && failure.reason !== "", `a failure without a path or reason: ${JSON.stringify(failure)}`);
          }
          assert.equal(sockets.count() - opened, 0, "an invalid exam reached the server");
        }),
        { numRuns: 300 },
      );
    });

    it("inputs of any shape: check() reports failures instead of throwing, and nothing is sent", async () => {
      const opened = sockets.count();
      await fc.assert(
        fc.asyncProperty(garbageArb, async (inputs) => {
          const result = await provider.check({}, inputs);
          assert.ok((result.failures ?? []).length > 0, `accepted ${JSON.stringify(inputs)}`);
          assert.equal(sockets.count() - opened, 0);
        }),
        { numRuns: 100 },
      );
    });

    it("huge text: check() refuses a 5 MB courseCode and a 50 MB custom_rules at once, quoting neither", async () => {
      const opened = sockets.count();
      for (const [field, inputs] of [
        ["courseCode", validExam({ courseCode: "c".repeat(5 * 2 ** 20) })],
        ["rules.custom_rules", validExam({ rules: { custom_rules: "r".repeat(50 * 2 ** 20) } })],
      ] as const) {
        const started = performance.now();
        const result = await provider.check({}, inputs);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < HANG_MS, `${field}: ${elapsed.toFixed(0)} ms`);
        const failures = result.failures ?? [];
        assert.ok(failures.length > 0 && failures.every((f) => f.property === field), JSON.stringify(failures).slice(0, 500));
        assert.ok(JSON.stringify(failures).length < 1000, "a failure quotes the value");
      }
      assert.equal(sockets.count() - opened, 0);
    });
  });
});
