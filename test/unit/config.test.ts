import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../provider/errors";
import { decodeConfig, defaultTuning } from "../../provider/proctor/config";

// The provider's stack config decoded once into a typed object: what the engine
// hands configure() (strings, objects for keys set with --path) and what a user
// may have written (the object as JSON text, a number in YAML).

const source = (values: Record<string, unknown>) => (key: string) => values[key];

test("the default connection, each named one and the tuning, typed, from the values the engine hands over", () => {
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

test("proctor:connections written as JSON text reads as the object; an empty value counts as unset", () => {
  const decoded = decodeConfig(source({ "proctor:url": "", "proctor:connections": JSON.stringify({ eu: { url: "https://eu.example.org" } }) }), {});
  assert.deepEqual(decoded.connections, { default: {}, named: { eu: { url: "https://eu.example.org" } } });
});

test("every malformed value is reported at once, naming its key, without showing a secret", () => {
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
