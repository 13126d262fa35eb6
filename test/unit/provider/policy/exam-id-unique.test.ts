import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { UNKNOWN } from "../../../../provider/exam/schema";
import { declarationsOf, SeenPlaces, uniqueIn } from "../../../../provider/policy/exam-id-unique";
import { resource, uniqueViolations } from "../../../harness/policy-resources";

describe("provider/policy/exam-id-unique", () => {
  it("duplicates are keyed by where the connection points (config, then PROCTOR_* variables), else by the connection's name", () => {
    const config = {
      "proctor:url": "https://proctor.example.org/",
      "proctor:integrationName": "lms",
      "proctor:jwtSecret": "not-shown",
      "proctor:connections": JSON.stringify({ mirror: { url: "https://proctor.example.org", integrationName: "lms" }, other: { url: "https://proctor.example.org", integrationName: "hr" } }),
    };
    const env = { PROCTOR_VIA_ENV_URL: "https://proctor.example.org", PROCTOR_VIA_ENV_INTEGRATION_NAME: "lms" };
    const declared = [
      resource("a", {}, config),
      resource("b", { connection: "mirror" }, config),
      resource("c", { connection: "other" }, config),
      resource("d", { connection: "via-env" }, config),
      resource("e", { connection: "nowhere" }, config),
      resource("f", { connection: "nowhere" }, config),
      resource("g", { examId: UNKNOWN }, config),
    ];
    assert.deepEqual(declarationsOf(declared[0], env)[0].place, { url: "https://proctor.example.org", integrationName: "lms" });
    const found = uniqueViolations(declared, env);
    assert.deepEqual([...found.keys()], ["b", "d", "f"], "each later declaration of a place is reported when it is asked about");
    assert.deepEqual(found.get("d"), [
      'exam "d" (examId "2027s-phy-final"): is declared by 3 exams on integration "lms" at https://proctor.example.org: ' +
        '"a" (connection "default"), "b" (connection "mirror"), "d" (connection "via-env"); the API is an upsert keyed by examId, so they would overwrite each other',
    ]);
    assert.match(found.get("f")![0], /on connection "nowhere": "e" \(connection "nowhere"\), "f" \(connection "nowhere"\)/);
    for (const [name, messages] of found) assert.ok(!messages.join().includes("not-shown"), `${name}: a secret was shown`);
  });

  it("a resource asked about again replaces what it declared before: an unchanged run reports nothing new, a moved examId frees its place", () => {
    const config = { "proctor:url": "https://proctor.example.org", "proctor:integrationName": "lms" };
    const check = uniqueIn(new SeenPlaces(), {});
    const ask = (r: PolicyResource) => {
      const messages: string[] = [];
      check({ ...r, getConfig: () => ({}) } as unknown as ResourceValidationArgs, (message) => messages.push(message));
      return messages;
    };
    // A preview, then the update in the same process: the same resource twice is one declaration.
    assert.deepEqual([ask(resource("a", {}, config)), ask(resource("a", {}, config))], [[], []]);
    assert.equal(ask(resource("b", {}, config)).length, 1);
    // "a" now declares another examId: "b" is alone in its place.
    assert.deepEqual(ask(resource("a", { examId: "2027s-phy-resit" }, config)), []);
    assert.deepEqual(ask(resource("b", {}, config)), []);
  });
});
