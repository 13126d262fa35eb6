import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { validExam } from "./exams";
import type { DeclaredExam } from "./declared-exam";

/**
 * `count` distinct, valid exams shaped like the documented example, so a set
 * of any size costs the same per exam in every test and benchmark.
 */
export function generatedExams(count: number, prefix = "exam"): DeclaredExam[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}-${i}`,
    args: validExam({ examId: `${prefix}-${i}`, examName: `Final test ${i}` }),
  }));
}

/** The same catalogue with one exam's name edited: an in-place update of exactly one resource. */
export function withOneChanged(exams: readonly DeclaredExam[], index = 0): DeclaredExam[] {
  return exams.map((exam, i) => (i === index ? { ...exam, args: { ...exam.args, examName: `${String(exam.args.examName)} (edited)` } } : exam));
}

/** Writes exams as the JSON file E2E_EXAMS_FILE names, in `dir`, and returns its path. */
export async function writeCatalogue(exams: readonly DeclaredExam[], dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(exams));
  return file;
}
