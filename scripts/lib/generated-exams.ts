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

/**
 * The same exams grouped into courses of `perCourse` (courseName "Course 0",
 * "Course 1", …, all in one account), as a university's catalogue is: what a
 * course-level resource holds. 10,000 exams in courses of 50 are 200 courses.
 */
export function inCourses(exams: readonly DeclaredExam[], perCourse: number): DeclaredExam[] {
  return exams.map((exam, i) => ({ ...exam, args: { ...exam.args, courseName: `Course ${Math.floor(i / perCourse)}` } }));
}

/** Writes exams as a catalogue file (a bare list of exams, read as JSON) for `new Catalogue(name, { files })`, in `dir`. */
export async function writeCatalogueFile(exams: readonly DeclaredExam[], dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(exams.map(({ args }) => args)));
  return file;
}
