import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConnection, TUNING_KEYS } from "../provider/connection";

const config = (values: Record<string, string>) => (key: string) => values[key];
const none = config({});

test("stack config wins over the environment", () => {
  const c = resolveConnection(
    undefined,
    config({ "proctor:url": "https://proctor.example.org/", "proctor:integrationName": "lms", "proctor:jwtSecret": "s1" }),
    { PROCTOR_URL: "https://other.example.org", PROCTOR_INTEGRATION_NAME: "x", PROCTOR_JWT_SECRET: "s2" },
  );
  assert.equal(c.url, "https://proctor.example.org");
  assert.equal(c.integrationName, "lms");
  assert.equal(c.jwtSecret, "s1");
  assert.equal(c.tuning.tokenLifetimeSeconds, TUNING_KEYS.tokenLifetimeSeconds.default);
  assert.equal(c.tuning.concurrency, 8);
  assert.equal(c.tuning.maxAttempts, 5);
});

test("environment variables fill in when config is absent", () => {
  const c = resolveConnection(undefined, none, {
    PROCTOR_URL: "https://p.example.org",
    PROCTOR_INTEGRATION_NAME: "lms",
    PROCTOR_JWT_SECRET: "s",
    PROCTOR_TOKEN_LIFETIME_SECONDS: "300",
  });
  assert.equal(c.integrationName, "lms");
  assert.equal(c.tuning.tokenLifetimeSeconds, 300);
});

test("a missing setting says which pulumi config set to run, and never prints a secret", () => {
  assert.throws(
    () => resolveConnection(undefined, config({ "proctor:url": "https://p.example.org", "proctor:jwtSecret": "hush" }), {}),
    (error: Error) => {
      assert.match(error.message, /missing integrationName/);
      assert.match(error.message, /pulumi config set proctor:integrationName/);
      assert.match(error.message, /PROCTOR_INTEGRATION_NAME/);
      assert.doesNotMatch(error.message, /hush/);
      return true;
    },
  );
});

test("named connections come from proctor:connections or PROCTOR_<NAME>_*", () => {
  const fromConfig = resolveConnection(
    "staging",
    config({
      "proctor:connections": JSON.stringify({
        staging: { url: "https://staging.example.org", integrationName: "lms-staging", jwtSecret: "st" },
      }),
    }),
    {},
  );
  assert.equal(fromConfig.name, "staging");
  assert.equal(fromConfig.integrationName, "lms-staging");
  const fromEnv = resolveConnection("prod-eu", none, {
    PROCTOR_PROD_EU_URL: "https://eu.example.org",
    PROCTOR_PROD_EU_INTEGRATION_NAME: "lms-eu",
    PROCTOR_PROD_EU_JWT_SECRET: "eu",
  });
  assert.equal(fromEnv.url, "https://eu.example.org");
  assert.throws(() => resolveConnection("qa", none, {}), /pulumi config set --secret --path 'proctor:connections.qa.jwtSecret'/);
});

test("plain http is refused except on loopback", () => {
  const env = { PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s" };
  assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "http://proctor.example.org" }), /plain http/);
  for (const url of ["http://127.0.0.1:8790", "http://localhost:1", "http://[::1]:2"]) {
    assert.equal(resolveConnection(undefined, none, { ...env, PROCTOR_URL: url }).url, url);
  }
  assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "ftp://x" }), /https/);
  assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "not a url" }), /not a URL/);
});

test("tuning values are checked", () => {
  const env = { PROCTOR_URL: "https://p.example.org", PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s" };
  assert.throws(() => resolveConnection(undefined, config({ "proctor:concurrency": "0" }), env), /proctor:concurrency must be a whole number from 1 to 256 \(got "0"\)/);
  assert.throws(() => resolveConnection(undefined, config({ "proctor:maxAttempts": "2.5" }), env), /proctor:maxAttempts/);
});
