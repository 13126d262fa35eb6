import assert from "node:assert/strict";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Exam } from "pulumi-proctor";
import { DOCUMENTED_EXAMPLE_ARGS } from "../../scripts/lib/exams";

// What the engine stores in each resource's state as its provider: captured
// through Pulumi's own mocks, which serialize the provider exactly as `pulumi up` does.
const SECRET = "serialization-test-secret-7f3a";

async function serializedProvider(): Promise<string> {
  const seen: Record<string, unknown>[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        seen.push(args.inputs as Record<string, unknown>);
        return { id: String(args.inputs.examId), state: args.inputs };
      },
      call: () => ({}),
    },
    "serialization",
    "test",
    false,
  );
  process.env.PROCTOR_JWT_SECRET = SECRET;
  const exam = new Exam("physics-final", DOCUMENTED_EXAMPLE_ARGS);
  await new Promise<void>((resolve) => exam.urn.apply(() => resolve()));
  const provider = seen.find((inputs) => typeof inputs.__provider === "string")?.__provider;
  assert.equal(typeof provider, "string", "the Exam registered no serialized provider");
  return provider as string;
}

test("the serialized provider only loads the installed package", async () => {
  const text = await serializedProvider();
  assert.ok(text.length < 1024, `serialized provider is ${text.length} bytes, over 1 KB`);
  const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.ok(required.length > 0, "the shim requires nothing");
  assert.deepEqual([...new Set(required)], ["pulumi-proctor/dist/provider/provider.js"]);
  assert.ok(!text.includes(SECRET), "the JWT secret leaked into the serialized provider");
  assert.doesNotMatch(text, /jose|undici|zod|SignJWT/, "the shim inlined a dependency");
});
