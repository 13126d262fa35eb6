import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { ConfigError } from "../../provider/errors";
import { defaultTuning, resolveTuning, tuningKeys, tuningSchema } from "../../provider/proctor/config";
import { connectionPlace, resolveConnection } from "../../provider/proctor/connection";

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
  assert.equal(c.tuning.tokenLifetimeSeconds, tuningKeys().tokenLifetimeSeconds.default);
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

test("a url with a user name or password is refused, and the message shows neither", () => {
  const env = { PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s" };
  for (const url of ["https://admin:pa55-w0rd@proctor.example.org/base", "https://admin@proctor.example.org/base", "https://:pa55-w0rd@proctor.example.org/base"]) {
    assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: url }), (error: Error) => {
      assert.match(error.message, /^Proctor connection "default": url must not hold a user name or password/);
      assert.match(error.message, /write it as https:\/\/proctor\.example\.org\/base /);
      assert.match(error.message, /pulumi config set --secret proctor:jwtSecret/);
      assert.doesNotMatch(error.message, /pa55-w0rd|admin/);
      return true;
    });
  }
  const named = config({ "proctor:connections": JSON.stringify({ eu: { url: "https://u:pa55-w0rd@eu.example.org", integrationName: "lms", jwtSecret: "s" } }) });
  assert.throws(() => resolveConnection("eu", named, {}), (error: Error) => {
    assert.match(error.message, /^Proctor connection "eu": .*--path 'proctor:connections\.eu\.jwtSecret'/);
    assert.doesNotMatch(error.message, /pa55-w0rd/);
    return true;
  });
  // One that does not even parse still keeps what may be a password out of the message.
  assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "https://admin:pa55@w0rd@proctor.example.org:port" }), (error: Error) => {
    assert.match(error.message, /not a URL/);
    assert.doesNotMatch(error.message, /pa55|w0rd|admin/);
    return true;
  });
});

test("a url with a query or fragment is refused, showing it without them", () => {
  const env = { PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s" };
  for (const url of ["https://proctor.example.org/base/?key=k3y", "https://proctor.example.org/base#k3y", "https://proctor.example.org/base?"]) {
    assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: url }), (error: Error) => {
      assert.match(error.message, /^Proctor connection "default": url must not have a query \(\?…\) or fragment \(#…\)/);
      assert.match(error.message, /write it as https:\/\/proctor\.example\.org\/base$/);
      assert.doesNotMatch(error.message, /k3y/);
      return true;
    });
  }
});

test("maxResponseBytes defaults to 1 MiB and is bounded", () => {
  const env = { PROCTOR_URL: "https://p.example.org", PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s" };
  assert.equal(resolveConnection(undefined, none, env).tuning.maxResponseBytes, 1048576);
  assert.equal(resolveConnection(undefined, none, { ...env, PROCTOR_MAX_RESPONSE_BYTES: "4096" }).tuning.maxResponseBytes, 4096);
  assert.throws(() => resolveConnection(undefined, config({ "proctor:maxResponseBytes": "1023" }), env), /proctor:maxResponseBytes must be a whole number from 1024 to 67108864/);
});

test("every bad tuning value is reported at once, naming the key, its bounds and where the value came from", () => {
  assert.throws(
    () => resolveTuning(config({ "proctor:concurrency": "many" }), { PROCTOR_MAX_ATTEMPTS: "0", PROCTOR_CONNECT_TIMEOUT_SECONDS: "5" }),
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

test("tuning: config, then environment, then default; an empty value counts as unset", () => {
  const tuning = resolveTuning(config({ "proctor:concurrency": "3", "proctor:maxAttempts": "" }), {
    PROCTOR_CONCURRENCY: "99",
    PROCTOR_RETRY_BASE_DELAY_MS: "0",
    PROCTOR_MAX_ATTEMPTS: "7",
  });
  assert.deepEqual(tuning, { ...defaultTuning(), concurrency: 3, retryBaseDelayMs: 0 });
});

test("the tuning schema states each key's default, bounds, environment variable and meaning", () => {
  const keys = tuningKeys();
  assert.deepEqual(Object.keys(keys), Object.keys(tuningSchema().shape));
  for (const [key, spec] of Object.entries(keys)) {
    // The environment variable is the key in upper snake case.
    assert.equal(spec.env, `PROCTOR_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
    assert.ok(spec.min <= spec.default && spec.default <= spec.max, key);
    assert.ok(spec.doc.length > 0, key);
    assert.equal(defaultTuning()[key as keyof typeof keys], spec.default);
    for (const edge of [spec.min, spec.max]) assert.equal(resolveTuning(config({ [`proctor:${key}`]: String(edge) }), {})[key as keyof typeof keys], edge);
    for (const bad of [spec.min - 1, spec.max + 1]) assert.throws(() => resolveTuning(config({ [`proctor:${key}`]: String(bad) }), {}), new RegExp(`proctor:${key} must be a whole number from ${spec.min} to ${spec.max}`));
  }
  const json = z.toJSONSchema(tuningSchema(), { io: "input" }) as { properties: Record<string, Record<string, unknown>> };
  assert.deepEqual(json.properties.concurrency, {
    type: "integer", minimum: 1, maximum: 256, default: 8, env: "PROCTOR_CONCURRENCY", description: keys.concurrency.doc,
  });
});


test("where a connection points is read without its secret, which a stack file or the policy pack may hold encrypted", () => {
  const encrypted = { secure: "v1:abc" };
  const values = {
    "proctor:url": "https://proctor.example.org/",
    "proctor:integrationName": "lms",
    "proctor:jwtSecret": encrypted,
    "proctor:connections": { staging: { url: "https://staging.example.org", integrationName: "lms-staging", jwtSecret: encrypted } },
  };
  const source = (key: string) => values[key as keyof typeof values];
  assert.deepEqual(connectionPlace(undefined, source, {}), { url: "https://proctor.example.org", integrationName: "lms" });
  assert.deepEqual(connectionPlace("staging", source, {}), { url: "https://staging.example.org", integrationName: "lms-staging" });
  assert.equal(connectionPlace("staging", (key) => (key === "proctor:connections" ? "not json" : undefined), {}), undefined);
  // The provider itself reads the secret, and refuses one that is not text.
  assert.throws(() => resolveConnection("staging", source, {}), /proctor:jwtSecret must be a string; proctor:connections\.staging must be an object/);
});
