import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The program process only declares resources: it must not pay for the
// schema, the HTTP client or token signing, which run in the provider process.
const HEAVY = /node_modules\/(zod|undici|jose)\//;

function loadedIn(program: string): string[] {
  const script = `${program}
    const heavy = Object.keys(require.cache).filter((k) => ${HEAVY}.test(k)).map((k) => k.split("node_modules/")[1].split("/")[0]);
    process.stdout.write(JSON.stringify([...new Set(heavy)]));`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: path.join(REPO_ROOT, "dist"), encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[];
}

test("a program that declares Exams loads neither zod, undici nor jose", () => {
  const declared = `
    const pulumi = require("@pulumi/pulumi");
    const { Exam } = require("pulumi-proctor");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "p", "s", false);
    new Exam("physics-final", { accountId: "1", accountName: "A", examId: "e-1", examName: "E", duration: 60, schedule: false,
      proctoring: "auto", startDate: "2027-01-01T00:00:00Z", endDate: "2027-01-02T00:00:00Z" });`;
  assert.deepEqual(loadedIn(declared), []);
});

test("the provider loads them when a method first runs", () => {
  const called = `
    const provider = require("pulumi-proctor/dist/provider/provider.js");
    provider.check({}, {});`;
  assert.deepEqual(loadedIn(called).sort(), ["jose", "undici", "zod"]);
});
