// The program the end-to-end tests drive: the exams declared in the JSON file
// named by E2E_EXAMS_FILE, each as `new Exam(name, args, opts)`; the top-level
// arguments named in `secrets` are passed as pulumi.secret.
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { Exam, type ExamArgs } from "pulumi-proctor";

interface Declared {
  name: string;
  args: ExamArgs;
  opts?: Pick<pulumi.CustomResourceOptions, "ignoreChanges" | "protect">;
  secrets?: (keyof ExamArgs)[];
}

const file = process.env.E2E_EXAMS_FILE;
if (!file) throw new Error("E2E_EXAMS_FILE is not set");
const declared = JSON.parse(readFileSync(file, "utf8")) as Declared[];

function withSecrets(args: ExamArgs, secrets: (keyof ExamArgs)[] = []): ExamArgs {
  const wrapped: Record<string, unknown> = { ...args };
  for (const key of secrets) wrapped[key] = pulumi.secret(args[key]);
  return wrapped as ExamArgs;
}

export const examIds = declared.map(({ name, args, opts, secrets }) => new Exam(name, withSecrets(args, secrets), opts).examId);
