import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tuningKeys } from "../../../../provider/proctor/config";
import { connectionPlace, resolveConnection } from "../../../../provider/proctor/connection";

const config = (values: Record<string, string>) => (key: string) => values[key];
const none = config({});

describe("provider/proctor/connection", () => {
  it("stack config wins over the environment", () => {
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

  it("environment variables fill in when config is absent", () => {
    const c = resolveConnection(undefined, none, {
      PROCTOR_URL: "https://p.example.org",
      PROCTOR_INTEGRATION_NAME: "lms",
      PROCTOR_JWT_SECRET: "s",
      PROCTOR_TOKEN_LIFETIME_SECONDS: "300",
    });
    assert.equal(c.integrationName, "lms");
    assert.equal(c.tuning.tokenLifetimeSeconds, 300);
  });

  it("a missing setting says which pulumi config set to run, and never prints a secret", () => {
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

  it("named connections come from proctor:connections or PROCTOR_<NAME>_*", () => {
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

  it("plain http is refused except on loopback", () => {
    const env = { PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s" };
    assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "http://proctor.example.org" }), /plain http/);
    for (const url of ["http://127.0.0.1:8790", "http://localhost:1", "http://[::1]:2"]) {
      assert.equal(resolveConnection(undefined, none, { ...env, PROCTOR_URL: url }).url, url);
    }
    assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "ftp://x" }), /https/);
    assert.throws(() => resolveConnection(undefined, none, { ...env, PROCTOR_URL: "not a url" }), /not a URL/);
  });

  it("a url with a user name or password is refused, and the message shows neither", () => {
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

  it("a url with a query or fragment is refused, showing it without them", () => {
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

  it("where a connection points is read without its secret, which a stack file or the policy pack may hold encrypted", () => {
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
});
