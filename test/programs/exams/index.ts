// The program the end-to-end tests drive: the exams declared in the JSON file
// named by E2E_EXAMS_FILE, each as `new Exam(name, args, opts)`.
import { readFileSync } from "node:fs";
import type { CustomResourceOptions } from "@pulumi/pulumi";
import { Exam, type ExamArgs } from "pulumi-proctor";

interface Declared {
  name: string;
  args: ExamArgs;
  opts?: Pick<CustomResourceOptions, "ignoreChanges" | "protect">;
}

const file = process.env.E2E_EXAMS_FILE;
if (!file) throw new Error("E2E_EXAMS_FILE is not set");
const declared = JSON.parse(readFileSync(file, "utf8")) as Declared[];

export const examIds = declared.map(({ name, args, opts }) => new Exam(name, args, opts).examId);
