import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { claimed } from "../../../../provider/exam/claims";

describe("provider/exam/claims", () => {
  // The program's duplicate guard keys an exam by where its connection points, read as
  // the provider reads it (here from the PROCTOR_* variables), not by the connection's name.

  const PLACES = {
    PROCTOR_URL: "https://proctor.example.org",
    PROCTOR_INTEGRATION_NAME: "lms",
    PROCTOR_MIRROR_URL: "https://proctor.example.org/",
    PROCTOR_MIRROR_INTEGRATION_NAME: "lms",
    PROCTOR_STAGING_URL: "https://proctor.example.org",
    PROCTOR_STAGING_INTEGRATION_NAME: "lms-staging",
  };

  async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    try {
      return await run();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  it("one examId on two connection names that point at one integration is refused for both, naming the place and each resource", async () => {
    await withEnv(PLACES, async () => {
      const claims = [claimed("first", "place-1", undefined), claimed("second", "place-1", "mirror")];
      const results = await Promise.allSettled(claims.map((claim) => Promise.resolve(claim)));
      assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
      assert.equal(
        (results[0] as PromiseRejectedResult).reason.message,
        'exam "place-1" is declared twice on integration "lms" at https://proctor.example.org, by resources "first" (connection "default") and "second" (connection "mirror"); ' +
          "the API is an upsert keyed by examId, so they would overwrite each other. Nothing was sent for them. Give each exam its own examId, or declare it once.",
      );
    });
  });

  it("one examId in two integrations is two exams", async () => {
    await withEnv(PLACES, async () => {
      assert.deepEqual(await Promise.all([claimed("prod", "place-2", undefined), claimed("staging", "place-2", "staging")]), ["place-2", "place-2"]);
    });
  });
});
