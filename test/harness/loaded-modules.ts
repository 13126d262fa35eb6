import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

// The program process only declares resources: it must not pay for the
// schema, the HTTP client or token signing, which run in the provider process.
const HEAVY = /node_modules\/(zod|undici|jose)\//;

/** The heavy packages loaded once `program` (the body of an async function) has run in a fresh node. */
export function loadedIn(program: string, env: NodeJS.ProcessEnv = {}): string[] {
  const script = `(async () => { ${program} })().then(() => {
    const heavy = Object.keys(require.cache).filter((k) => ${HEAVY}.test(k)).map((k) => k.split("node_modules/")[1].split("/")[0]);
    process.stdout.write(JSON.stringify([...new Set(heavy)]));
  });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: path.join(REPO_ROOT, "dist"), encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[];
}

/** An exam's arguments as program text. */
export const EXAM = `{ accountId: "1", accountName: "A", examId: "e-1", examName: "E", duration: 60, schedule: false,
  proctoring: "auto", startDate: "2027-01-01T00:00:00Z", endDate: "2027-01-02T00:00:00Z" }`;
