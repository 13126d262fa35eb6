import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../../provider/errors";
import { decodeConfig, type ProviderConfig } from "../../../../provider/proctor/config";
import { connectionOf, type Connection } from "../../../../provider/proctor/connection";
import { connectionToPlace } from "../../../../provider/proctor/placement";

// Where a delete (deletionPolicy "close") is sent: to the connection that reaches the
// place the state records for the exam, which is not always where today's config points.

const OLD = { url: "https://old.example.org", integrationName: "lms" };
const NEW = { url: "https://new.example.org", integrationName: "lms" };

function stackConfig(values: Record<string, unknown>): ProviderConfig {
  return decodeConfig((key) => values[key], {});
}

/** Resolves connections as the provider does (connectionOf, no environment), recording which names it was asked for. */
function resolver(config: ProviderConfig): { asked: (string | undefined)[]; resolve: (name: string | undefined) => Connection } {
  const asked: (string | undefined)[] = [];
  return { asked, resolve: (name) => (asked.push(name), connectionOf(name, config, {})) };
}

const settings = (place: { url: string; integrationName: string }, jwtSecret: string) => ({ ...place, jwtSecret });

describe("provider/proctor/placement", () => {
  it("after proctor:url moved, the close goes to the named connection that still reaches the old server", () => {
    const config = stackConfig({
      "proctor:url": NEW.url,
      "proctor:integrationName": NEW.integrationName,
      "proctor:jwtSecret": "new-secret",
      "proctor:connections": { archive: settings(OLD, "old-secret") },
    });
    const connection = connectionToPlace("exam-1", OLD, undefined, config, resolver(config).resolve);
    assert.equal(connection.name, "archive");
    assert.equal(connection.url, OLD.url);
    assert.equal(connection.jwtSecret, "old-secret");
  });

  it("the exam's own connection is tried first, and wins when it reaches the place", () => {
    const config = stackConfig({
      "proctor:url": OLD.url,
      "proctor:integrationName": OLD.integrationName,
      "proctor:jwtSecret": "default-secret",
      "proctor:connections": { eu: settings(OLD, "eu-secret") },
    });
    const { asked, resolve } = resolver(config);
    const connection = connectionToPlace("exam-1", OLD, "eu", config, resolve);
    // Both reach the place; the exam's own (with its own secret) is the one used.
    assert.equal(connection.name, "eu");
    assert.equal(connection.jwtSecret, "eu-secret");
    assert.deepEqual(asked, ["eu"]);
  });

  it("when the exam's own connection points elsewhere now, the default and then each named connection are tried, in order", () => {
    const config = stackConfig({
      "proctor:url": NEW.url,
      "proctor:integrationName": NEW.integrationName,
      "proctor:jwtSecret": "default-secret",
      "proctor:connections": { eu: settings(NEW, "eu-secret"), first: settings(OLD, "first-secret"), second: settings(OLD, "second-secret") },
    });
    const { asked, resolve } = resolver(config);
    const connection = connectionToPlace("exam-1", OLD, "eu", config, resolve);
    assert.equal(connection.name, "first", "the first configured connection that reaches the place");
    assert.deepEqual(asked, ["eu", undefined, "first"], "each name is tried once, the exam's own not again");
  });

  it("the url and the integrationName must both match: the same server under another integration is another place", () => {
    const config = stackConfig({
      "proctor:url": OLD.url,
      "proctor:integrationName": "lms-other",
      "proctor:jwtSecret": "s",
      "proctor:connections": { right: settings(OLD, "right-secret") },
    });
    assert.equal(connectionToPlace("exam-1", OLD, undefined, config, resolver(config).resolve).name, "right");
  });

  it("an incomplete connection is passed over, not an error, when another one reaches the place", () => {
    const config = stackConfig({
      "proctor:url": OLD.url,
      "proctor:integrationName": OLD.integrationName,
      // No jwtSecret for the default connection: connectionOf throws for it.
      "proctor:connections": { complete: settings(OLD, "s") },
    });
    assert.equal(connectionToPlace("exam-1", OLD, undefined, config, resolver(config).resolve).name, "complete");
  });

  it("no configured connection reaching the place is a CONFIG_NO_CONNECTION error saying where the exam lives and both ways out", () => {
    const config = stackConfig({
      "proctor:url": NEW.url,
      "proctor:integrationName": NEW.integrationName,
      "proctor:jwtSecret": "hush-default",
      "proctor:connections": { eu: settings(NEW, "hush-eu") },
    });
    assert.throws(
      () => connectionToPlace("exam-9", OLD, undefined, config, resolver(config).resolve),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.code, "CONFIG_NO_CONNECTION");
        assert.match(error.message, /^exam "exam-9" lives in integration "lms" at https:\/\/old\.example\.org, and no configured Proctor connection points there/);
        assert.match(error.message, /pulumi config set --path 'proctor:connections\.<name>\.url' https:\/\/old\.example\.org/);
        assert.match(error.message, /deletionPolicy: "retain"/);
        assert.doesNotMatch(error.message, /hush/);
        return true;
      },
    );
  });
});
