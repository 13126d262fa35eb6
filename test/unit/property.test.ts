import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import fc from "fast-check";
import * as provider from "../../provider/exam/lifecycle";
import { startEmulator, type Emulator } from "../../emulator/server";
import { garbageArb, invalidExamArb, validExamArb } from "../fixtures/arbitrary-exams";
import { HANG_MS } from "../fixtures/invalid-exams";
import { validExam } from "../../scripts/lib/exams";
import { isRecord } from "../../provider/record";

// Properties of the provider's methods, called as the engine calls them, with a
// real emulator listening: bad input is refused by check() before anything is
// sent, and every valid exam arrives at the server with the values declared.
// Run counts keep the file within a few seconds; a failure prints its seed.
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
  // Outside an engine, pulumi.log.warn prints with console.warn: collect instead, to assert on them.
  console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
});

after(async () => {
  console.warn = realWarn;
  await emulator.close();
});

beforeEach(() => emulator.reset());

/** A failure reported for `path` itself or for something inside it. */
const names = (property: string, path: string): boolean =>
  property === path || property.startsWith(`${path}.`) || property.startsWith(`${path}[`);

// Only check() validates: the engine never hands create() inputs that check() refused.
test("invalid exams: check() names every defect, nothing is sent", async () => {
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
      assert.deepEqual(emulator.requests(), [], "an invalid exam reached the server");
    }),
    { numRuns: 300 },
  );
});

test("inputs of any shape: check() reports failures instead of throwing, and nothing is sent", async () => {
  await fc.assert(
    fc.asyncProperty(garbageArb, async (inputs) => {
      const result = await provider.check({}, inputs);
      assert.ok((result.failures ?? []).length > 0, `accepted ${JSON.stringify(inputs)}`);
      assert.deepEqual(emulator.requests(), []);
    }),
    { numRuns: 100 },
  );
});

test("huge text: check() refuses a 5 MB courseCode and a 50 MB custom_rules at once, quoting neither", async () => {
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
  assert.deepEqual(emulator.requests(), []);
});

/** What the API must receive for declared arguments: the same values, ids as strings, resource options left out. */
function expectedBody(exam: Record<string, unknown>): Record<string, unknown> {
  const { deletionPolicy: _policy, ...fields } = exam;
  return JSON.parse(JSON.stringify({ ...fields, accountId: String(exam.accountId), examId: String(exam.examId) }));
}


test("valid exams: create() sends the declared values and the server stores them unchanged", async () => {
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
