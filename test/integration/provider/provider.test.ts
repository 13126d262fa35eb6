import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXAM, loadedIn } from "../../harness/loaded-modules";

describe("provider/provider: what each method loads, in a fresh node", () => {
  it("the provider loads the schema when a method first runs, and the HTTP client only when it sends", () => {
    const checked = `
      const provider = require("pulumi-proctor/dist/provider/provider.js");
      const { inputs } = await provider.check({}, ${EXAM});
      await provider.diff("e-1", { ...inputs, server: {} }, inputs);`;
    // Nothing listens on port 9: an upsert fails, after loading what it needs.
    const env = { PROCTOR_URL: "http://127.0.0.1:9", PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s".repeat(32), PROCTOR_MAX_ATTEMPTS: "1" };
    assert.deepEqual(loadedIn(checked, env), ["zod"], "a preview with nothing to send loads no HTTP client or token signing");
    const created = `
      const provider = require("pulumi-proctor/dist/provider/provider.js");
      const { inputs } = await provider.check({}, ${EXAM});
      await provider.create(inputs).catch(() => undefined);`;
    assert.deepEqual(loadedIn(created, env).sort(), ["jose", "undici", "zod"]);
  });
});
