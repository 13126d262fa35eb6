import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import * as errors from "../../../provider/errors";
import * as provider from "../../../provider/provider";
import { validExam } from "../../../scripts/lib/exams";

describe("provider/provider", () => {
  // Each method of the provider the engine loads (provider.ts) hands on an error with its code in its message.

  it("an error leaving the provider reaches the engine with its code in its message", async () => {
    const saved = Object.entries(process.env).filter(([key]) => key.startsWith("PROCTOR_"));
    for (const [key] of saved) delete process.env[key];
    try {
      const config = (values: Record<string, string>) => ({ config: { get: (key: string) => values[key] } as unknown as pulumi.dynamic.ConfigureRequest["config"] });
      await assert.rejects(provider.configure(config({ "proctor:concurrency": "0" })), (error: Error) => {
        assert.ok(error instanceof errors.ConfigError);
        assert.match(error.message, /^proctor:concurrency must be a whole number from 1 to 256 \(got "0"\) \[CONFIG_INVALID\]$/);
        return true;
      });
      await provider.configure(config({}));
      const checked = await provider.check({}, validExam());
      assert.match(checked.failures?.[0]?.reason ?? "", /^Proctor connection "default" is missing url, integrationName, jwtSecret: .* \[CONFIG_MISSING\]$/);
      await assert.rejects(provider.create(checked.inputs!), /is missing url, integrationName, jwtSecret: .* \[CONFIG_MISSING\]$/);
    } finally {
      Object.assign(process.env, Object.fromEntries(saved));
    }
  });
});
