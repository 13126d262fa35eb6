// The alternative to Pulumi that the bench compares against: a cron-job sync
// that POSTs every exam of the catalogue on every run, changed or not.
// Usage: node dist/scripts/bench-naive-sync.js EXAMS_JSON, with PROCTOR_URL,
// PROCTOR_INTEGRATION_NAME and PROCTOR_JWT_SECRET set. Prints {"requests": N}.
import { readFileSync } from "node:fs";
import { requestBody } from "../../provider/exam/body";
import { upsertExam } from "../../provider/proctor/client";
import { resolveConnection } from "../../provider/proctor/connection";
import { validateExam } from "../../provider/exam/schema";
import type { DeclaredExam } from "../lib/declared-exam";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error("usage: bench-naive-sync.js EXAMS_JSON");
  const connection = resolveConnection(undefined, () => undefined);
  const declared = JSON.parse(readFileSync(file, "utf8")) as DeclaredExam[];
  const bodies = declared.map(({ name, args }) => {
    const result = validateExam(args);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.failures)}`);
    return requestBody(result.exam).body;
  });
  await Promise.all(bodies.map((body) => upsertExam(connection, String(body.examId), body)));
  process.stdout.write(`${JSON.stringify({ requests: bodies.length })}\n`);
  // A cron job ends when its work is done, not when idle keep-alive connections time out.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
