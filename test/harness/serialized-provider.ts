import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

// What the engine stores in each resource's state as its provider: captured
// through Pulumi's own mocks, which serialize the provider exactly as `pulumi up` does.

/** The secret the provider would read from the environment; it must not reach the serialized text. */
export const SERIALIZATION_SECRET = "serialization-test-secret-7f3a";

/**
 * Pulumi's mocks, recording the inputs of every resource registered (`seen`), with the JWT secret
 * in the environment until `restore()`. Call it in a describe's before(): mocks are global.
 */
export async function installMocks(): Promise<{ seen: Record<string, unknown>[]; restore(): void }> {
  const seen: Record<string, unknown>[] = [];
  const savedSecret = process.env.PROCTOR_JWT_SECRET;
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
  process.env.PROCTOR_JWT_SECRET = SERIALIZATION_SECRET;
  const restore = () => {
    if (savedSecret === undefined) delete process.env.PROCTOR_JWT_SECRET;
    else process.env.PROCTOR_JWT_SECRET = savedSecret;
  };
  return { seen, restore };
}

/** The provider text the resource `declare` makes registers, once registered. */
export async function serializedProvider(seen: Record<string, unknown>[], declare: () => pulumi.CustomResource): Promise<string> {
  const from = seen.length;
  const resource = declare();
  await new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
  const provider = seen.slice(from).find((inputs) => typeof inputs.__provider === "string")?.__provider;
  assert.equal(typeof provider, "string", "the resource registered no serialized provider");
  return provider as string;
}

/** The shim requires `module` and nothing else, is small, and holds neither the secret nor a dependency. */
export function assertOnlyLoads(text: string, module: string): void {
  assert.ok(text.length < 1024, `serialized provider is ${text.length} bytes, over 1 KB`);
  const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.ok(required.length > 0, "the shim requires nothing");
  assert.deepEqual([...new Set(required)], [module]);
  assert.ok(!text.includes(SERIALIZATION_SECRET), "the JWT secret leaked into the serialized provider");
  assert.doesNotMatch(text, /jose|undici|zod|SignJWT/, "the shim inlined a dependency");
}
