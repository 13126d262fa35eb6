import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { examsEndpoint } from "../../../../provider/proctor/client";
import { decodeConfig } from "../../../../provider/proctor/config";
import { connectionOf } from "../../../../provider/proctor/connection";

// The client's pure part: where an upsert is sent. What it sends and how it reads the
// answers runs against real servers: test/integration/provider/proctor/client*.test.ts.

function connection(url: string, integrationName: string) {
  const values: Record<string, string> = { "proctor:url": url, "proctor:integrationName": integrationName, "proctor:jwtSecret": "s" };
  return connectionOf(undefined, decodeConfig((key) => values[key], {}), {});
}

describe("provider/proctor/client", () => {
  it("the upsert goes to the integration's exams endpoint under the configured base url", () => {
    assert.equal(examsEndpoint(connection("https://proctor.example.org", "lms")), "https://proctor.example.org/api/v2/integration/simple/lms/exams/");
    // A base path is kept, and the trailing slash a user may write is not doubled.
    assert.equal(examsEndpoint(connection("https://example.org/proctor/", "lms")), "https://example.org/proctor/api/v2/integration/simple/lms/exams/");
  });

  it("the integration name is one path segment, escaped, so it cannot reach another path", () => {
    assert.equal(
      examsEndpoint(connection("https://proctor.example.org", "../admin lms?x=1#y")),
      "https://proctor.example.org/api/v2/integration/simple/..%2Fadmin%20lms%3Fx%3D1%23y/exams/",
    );
  });
});
