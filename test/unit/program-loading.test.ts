import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The program process only declares resources: it must not pay for the
// schema, the HTTP client or token signing, which run in the provider process.
const HEAVY = /node_modules\/(zod|undici|jose)\//;

/** The heavy packages loaded once `program` (the body of an async function) has run. */
function loadedIn(program: string, env: NodeJS.ProcessEnv = {}): string[] {
  const script = `(async () => { ${program} })().then(() => {
    const heavy = Object.keys(require.cache).filter((k) => ${HEAVY}.test(k)).map((k) => k.split("node_modules/")[1].split("/")[0]);
    process.stdout.write(JSON.stringify([...new Set(heavy)]));
  });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: path.join(REPO_ROOT, "dist"), encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[];
}

const EXAM = `{ accountId: "1", accountName: "A", examId: "e-1", examName: "E", duration: 60, schedule: false,
  proctoring: "auto", startDate: "2027-01-01T00:00:00Z", endDate: "2027-01-02T00:00:00Z" }`;

test("a program that declares Exams loads neither zod, undici nor jose", () => {
  const declared = `
    const pulumi = require("@pulumi/pulumi");
    const { Exam } = require("pulumi-proctor");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "p", "s", false);
    new Exam("physics-final", ${EXAM});`;
  assert.deepEqual(loadedIn(declared), []);
});

test("the provider loads the schema when a method first runs, and the HTTP client only when it sends", () => {
  const checked = `
    const provider = require("pulumi-proctor/dist/provider/provider.js");
    const { inputs } = await provider.check({}, ${EXAM});
    await provider.diff("e-1", { ...inputs, server: {} }, inputs);`;
  // Nothing listens on port 9: an upsert fails, after loading what it needs.
  const env = { PROCTOR_URL: "http://127.0.0.1:9", PROCTOR_INTEGRATION_NAME: "lms", PROCTOR_JWT_SECRET: "s".repeat(32), PROCTOR_MAX_ATTEMPTS: "1" };
  assert.deepEqual(loadedIn(checked, env), ["zod"], "a preview with nothing to send loads no HTTP client or token signing");
  const created = `
    const provider = require("pulumi-proctor/dist/provider/provider.js");
    const { inputs } = await provider.check({}, ${EXAM});
    await provider.create(inputs).catch(() => undefined);`;
  assert.deepEqual(loadedIn(created, env).sort(), ["jose", "undici", "zod"]);
});
