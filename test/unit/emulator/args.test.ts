// The emulator CLI's settings: flags and environment, parsed without starting anything. The
// command itself, run as a process, is test/integration/emulator/cli.test.ts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_INTEGRATION, parseCli, UsageError } from "../../../emulator/args";

describe("emulator/args", () => {
  it("lets flags win over the environment", () => {
    const config = parseCli(["--port", "9000", "--integration", "x:y"], {
      EMULATOR_PORT: "8000",
      EMULATOR_INTEGRATIONS: "a:b",
      EMULATOR_PERSIST: "/tmp/env.json",
    });
    assert.deepEqual(config, {
      port: 9000,
      integrations: [{ name: "x", secret: "y" }],
      persistPath: "/tmp/env.json",
      help: false,
    });
  });

  it("defaults to port 8790 and the demo integration", () => {
    assert.deepEqual(parseCli([], {}), { port: 8790, integrations: [DEFAULT_INTEGRATION], help: false });
  });

  it("parses leeway and horizon", () => {
    const config = parseCli(["--leeway", "5", "--horizon", "300"], {});
    assert.equal(config.leewaySeconds, 5);
    assert.equal(config.horizonSeconds, 300);
  });

  it("rejects a duplicated integration name without echoing any secret", () => {
    assert.throws(
      () => parseCli(["--integration", "a:first-secret", "--integration", "a:second-secret"], {}),
      (error: unknown) =>
        error instanceof UsageError && !error.message.includes("first-secret") && !error.message.includes("second-secret"),
    );
  });

  it("names the environment variable when it is the bad one", () => {
    assert.throws(() => parseCli([], { EMULATOR_PORT: "eighty" }), /EMULATOR_PORT must be an integer/);
  });
});
