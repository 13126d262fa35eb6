import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { ConfigError } from "../../../../provider/errors";
import { decodeConfig, defaultTuning, resolveTuning, tuningKeys, tuningSchema } from "../../../../provider/proctor/config";

// The provider's stack config decoded once into a typed object: what the engine
// hands configure() (strings, objects for keys set with --path) and what a user
// may have written (the object as JSON text, a number in YAML); the tuning keys,
// their bounds, their environment fallbacks and the schema the docs are read off.

const source = (values: Record<string, unknown>) => (key: string) => values[key];

describe("provider/proctor/config", () => {
  it("the default connection, each named one and the tuning, typed, from the values the engine hands over", () => {
    const decoded = decodeConfig(
      source({
        "proctor:url": "https://proctor.example.org",
        "proctor:integrationName": "lms",
        "proctor:jwtSecret": "s1",
        "proctor:concurrency": "3",
        "proctor:connections": { staging: { url: "https://staging.example.org", integrationName: 42, jwtSecret: "s2", note: "kept out" }, empty: {} },
      }),
      {},
    );
    assert.deepEqual(decoded, {
      connections: {
        default: { url: "https://proctor.example.org", integrationName: "lms", jwtSecret: "s1" },
        named: { staging: { url: "https://staging.example.org", integrationName: "42", jwtSecret: "s2" }, empty: {} },
      },
      tuning: { ...defaultTuning(), concurrency: 3 },
    });
  });

  it("proctor:connections written as JSON text reads as the object; an empty value counts as unset", () => {
    const decoded = decodeConfig(source({ "proctor:url": "", "proctor:connections": JSON.stringify({ eu: { url: "https://eu.example.org" } }) }), {});
    assert.deepEqual(decoded.connections, { default: {}, named: { eu: { url: "https://eu.example.org" } } });
  });

  it("every malformed value is reported at once, naming its key, without showing a secret", () => {
    assert.throws(
      () =>
        decodeConfig(
          source({
            "proctor:jwtSecret": { nested: "hush-1" },
            "proctor:connections": { staging: "hush-2", qa: { jwtSecret: ["hush-3"] }, ok: {} },
            "proctor:maxAttempts": "0",
          }),
          {},
        ),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.code, "CONFIG_INVALID");
        assert.equal(
          error.message,
          "proctor:jwtSecret must be a string; " +
            "proctor:connections.staging must be an object with url, integrationName and jwtSecret, each a string; " +
            "proctor:connections.qa must be an object with url, integrationName and jwtSecret, each a string; " +
            'proctor:maxAttempts must be a whole number from 1 to 20 (got "0")',
        );
        assert.doesNotMatch(error.message, /hush/);
        return true;
      },
    );
    const notAnObject = { message: /^proctor:connections must be an object of connections; set it with pulumi config set --path$/ };
    assert.throws(() => decodeConfig(source({ "proctor:connections": "not json" }), {}), notAnObject);
    assert.throws(() => decodeConfig(source({ "proctor:connections": ["a"] }), {}), notAnObject);
  });

  it("tuning values are checked", () => {
    assert.throws(() => decodeConfig(source({ "proctor:concurrency": "0" }), {}), /proctor:concurrency must be a whole number from 1 to 256 \(got "0"\)/);
    assert.throws(() => decodeConfig(source({ "proctor:maxAttempts": "2.5" }), {}), /proctor:maxAttempts/);
  });

  it("maxResponseBytes defaults to 1 MiB and is bounded", () => {
    assert.equal(decodeConfig(source({}), {}).tuning.maxResponseBytes, 1048576);
    assert.equal(decodeConfig(source({}), { PROCTOR_MAX_RESPONSE_BYTES: "4096" }).tuning.maxResponseBytes, 4096);
    assert.throws(() => decodeConfig(source({ "proctor:maxResponseBytes": "1023" }), {}), /proctor:maxResponseBytes must be a whole number from 1024 to 67108864/);
  });

  it("every bad tuning value is reported at once, naming the key, its bounds and where the value came from", () => {
    assert.throws(
      () => resolveTuning(source({ "proctor:concurrency": "many" }), { PROCTOR_MAX_ATTEMPTS: "0", PROCTOR_CONNECT_TIMEOUT_SECONDS: "5" }),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.equal((error as ConfigError).code, "CONFIG_INVALID");
        assert.equal(
          error.message,
          'proctor:concurrency must be a whole number from 1 to 256 (got "many"); ' +
            'proctor:maxAttempts must be a whole number from 1 to 20 (got "0" from PROCTOR_MAX_ATTEMPTS)',
        );
        return true;
      },
    );
  });

  it("tuning: config, then environment, then default; an empty value counts as unset", () => {
    const tuning = resolveTuning(source({ "proctor:concurrency": "3", "proctor:maxAttempts": "" }), {
      PROCTOR_CONCURRENCY: "99",
      PROCTOR_RETRY_BASE_DELAY_MS: "0",
      PROCTOR_MAX_ATTEMPTS: "7",
    });
    assert.deepEqual(tuning, { ...defaultTuning(), concurrency: 3, retryBaseDelayMs: 0 });
  });

  it("the tuning schema states each key's default, bounds, environment variable and meaning", () => {
    const keys = tuningKeys();
    assert.deepEqual(Object.keys(keys), Object.keys(tuningSchema().shape));
    for (const [key, spec] of Object.entries(keys)) {
      // The environment variable is the key in upper snake case.
      assert.equal(spec.env, `PROCTOR_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
      assert.ok(spec.min <= spec.default && spec.default <= spec.max, key);
      assert.ok(spec.doc.length > 0, key);
      assert.equal(defaultTuning()[key as keyof typeof keys], spec.default);
      for (const edge of [spec.min, spec.max]) assert.equal(resolveTuning(source({ [`proctor:${key}`]: String(edge) }), {})[key as keyof typeof keys], edge);
      for (const bad of [spec.min - 1, spec.max + 1]) assert.throws(() => resolveTuning(source({ [`proctor:${key}`]: String(bad) }), {}), new RegExp(`proctor:${key} must be a whole number from ${spec.min} to ${spec.max}`));
    }
    const json = z.toJSONSchema(tuningSchema(), { io: "input" }) as { properties: Record<string, Record<string, unknown>> };
    assert.deepEqual(json.properties.concurrency, {
      type: "integer", minimum: 1, maximum: 256, default: 8, env: "PROCTOR_CONCURRENCY", description: keys.concurrency.doc,
    });
  });
});
