import assert from "node:assert/strict";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Exam, ExamGroup } from "pulumi-proctor";
import { encodeExam } from "../../provider/group/shape";
import { DOCUMENTED_EXAMPLE_ARGS } from "../../scripts/lib/exams";

// What the engine stores in each resource's state as its provider: captured
// through Pulumi's own mocks, which serialize the provider exactly as `pulumi up` does.
const SECRET = "serialization-test-secret-7f3a";

async function serializedProvider(declare: () => pulumi.CustomResource): Promise<string> {
  const seen: Record<string, unknown>[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        seen.push(args.inputs as Record<string, unknown>);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "serialization",
    "test",
    false,
  );
  process.env.PROCTOR_JWT_SECRET = SECRET;
  const resource = declare();
  await new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
  const provider = seen.find((inputs) => typeof inputs.__provider === "string")?.__provider;
  assert.equal(typeof provider, "string", "the resource registered no serialized provider");
  return provider as string;
}

for (const { kind, declare, module } of [
  { kind: "Exam", declare: () => new Exam("physics-final", DOCUMENTED_EXAMPLE_ARGS), module: "pulumi-proctor/dist/provider/provider.js" },
  {
    kind: "ExamGroup",
    declare: () => new ExamGroup("physics", { exams: { a3875623: encodeExam(DOCUMENTED_EXAMPLE_ARGS) } }),
    module: "pulumi-proctor/dist/provider/group-provider.js",
  },
]) {
  test(`the serialized provider of an ${kind} only loads the installed package`, async () => {
    const text = await serializedProvider(declare);
    assert.ok(text.length < 1024, `serialized provider is ${text.length} bytes, over 1 KB`);
    const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    assert.ok(required.length > 0, "the shim requires nothing");
    assert.deepEqual([...new Set(required)], [module]);
    assert.ok(!text.includes(SECRET), "the JWT secret leaked into the serialized provider");
    assert.doesNotMatch(text, /jose|undici|zod|SignJWT/, "the shim inlined a dependency");
  });
}
