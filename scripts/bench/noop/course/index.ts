// The benchmark's course-level limit: the exams of E2E_EXAMS_FILE (the same file
// the per-exam programs read) grouped by account and course, one no-op resource
// per course whose input `exams` holds each exam as its canonical JSON string
// under its examId, under the name and type a Catalogue with granularity
// "course" named "bench" gives them. Only the ExamGroup provider's own work, and
// the Catalogue's (loading and checking the file, claiming each examId), is missing.
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { GROUP_TYPE, encodeExam, groupResourceName } from "../../../../provider/group/shape";
import type { DeclaredExam } from "../../../lib/declared-exam";
import { NOOP_PACKAGES, installedProvider } from "../installed";
import type * as NoopCourseProvider from "./provider";

const provider = installedProvider<typeof NoopCourseProvider>(NOOP_PACKAGES.course);

class NoopCourse extends pulumi.dynamic.Resource {
  constructor(name: string, exams: Record<string, string>) {
    // The same extra keys as ExamGroup, so both stacks hold the same inputs.
    super(provider, name, { exams, servers: undefined, schemaVersion: undefined }, {}, "noop", GROUP_TYPE);
  }
}

const file = process.env.E2E_EXAMS_FILE;
if (!file) throw new Error("E2E_EXAMS_FILE is not set");
const declared = JSON.parse(readFileSync(file, "utf8")) as DeclaredExam[];

const courses = new Map<string, Record<string, string>>();
for (const { args } of declared) {
  const name = groupResourceName("bench", String(args.accountId), String(args.courseName));
  const exams = courses.get(name) ?? courses.set(name, {}).get(name)!;
  exams[String(args.examId)] = encodeExam(args);
}
for (const [name, exams] of courses) new NoopCourse(name, exams);

export const examIds = declared.map(({ args }) => String(args.examId));
