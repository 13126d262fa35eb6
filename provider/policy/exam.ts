import type { PolicyResource, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import type { z } from "zod";
import { examSchema, idText, UNKNOWN, type Unknown } from "../exam/schema";
import { instantOf } from "../exam/dates";
import { decodeExam, GROUP_TYPE_TOKEN, memberName } from "../group/shape";
import { isRecord } from "../record";
import { show } from "../show";

/**
 * An Exam as a policy sees it: a dynamic resource (`pulumi-nodejs:dynamic...`)
 * whose inputs are the exam's arguments. During preview any value may still be
 * unknown, or missing where a program left an optional field out.
 */
export type DeclaredExam = Partial<z.input<ReturnType<typeof examSchema>>>;

export interface ExamResource {
  /** The Exam's resource name, or `<group>[<examId>]` for an exam inside a course's or an account's resource. */
  name: string;
  /** The URN of the Exam, or of the group holding the exam. */
  urn: string;
  exam: DeclaredExam;
  /** `exam "<name>" (examId "<id>")`, how every message names it. */
  label: string;
}

export interface Window {
  start: number;
  end: number;
}

const DYNAMIC = "pulumi-nodejs:dynamic";

let requiredFields: string[] | undefined;

/** The arguments every Exam has (no default, not optional): they tell an Exam from any other dynamic resource. */
function examFields(): string[] {
  return (requiredFields ??= Object.entries(examSchema().shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key));
}

/**
 * The values of a policy's props without its unknown-checking proxy: the proxy
 * traps only `get`, and a read of an unknown through it makes @pulumi/policy
 * report "can't run policy during preview"; read through the property
 * descriptor, an unknown is the engine's sentinel, which the rules skip.
 */
function ownValues(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(props).map((key) => [key, Object.getOwnPropertyDescriptor(props, key)?.value]));
}

type Declaring = Pick<PolicyResource, "type" | "name" | "urn" | "props">;

function examResource(name: string, urn: string, exam: DeclaredExam): ExamResource {
  const examId = examIdOf(exam);
  return { name, urn, exam, label: `exam "${name}"${examId === undefined ? "" : ` (examId ${show(examId)})`}` };
}

/** The exam an Exam resource declares, or undefined for any other resource. */
export function examOf(resource: Declaring): ExamResource | undefined {
  if (!resource.type.startsWith(DYNAMIC)) return undefined;
  const values = ownValues(resource.props);
  if (!examFields().every((key) => key in values)) return undefined;
  return examResource(resource.name, resource.urn, values as DeclaredExam);
}

/**
 * The exams a resource declares: an Exam's, or each exam inside a course's or
 * an account's resource (group/shape.ts), named `<group>[<examId>]`. An exams
 * map or an exam's string not known during preview is skipped, like any unknown.
 */
export function examsOf(resource: Declaring): ExamResource[] {
  const exam = examOf(resource);
  if (exam !== undefined) return [exam];
  if (resource.type !== GROUP_TYPE_TOKEN) return [];
  const exams = ownValues(resource.props).exams;
  if (!isRecord(exams)) return [];
  return Object.entries(ownValues(exams)).flatMap(([examId, text]) => {
    const args = decodeExam(text);
    return args === undefined ? [] : [examResource(memberName(resource.name, examId), resource.urn, args as DeclaredExam)];
  });
}

/** Every exam among a stack's resources. */
export function examsIn(resources: readonly PolicyResource[]): ExamResource[] {
  return resources.flatMap(examsOf);
}

/** A value, or undefined while it is unknown. */
export function known<T>(value: T): Exclude<T, Unknown> | undefined {
  return value === UNKNOWN ? undefined : (value as Exclude<T, Unknown>);
}

/** The examId as the API keys it; undefined while unknown. */
export function examIdOf(exam: DeclaredExam): string | undefined {
  return idText(known(exam.examId));
}

/** The exam's window in epoch milliseconds; undefined while either date is unknown (or invalid, which the provider reports). */
export function windowOf(exam: DeclaredExam): Window | undefined {
  const start = instantOf(exam.startDate);
  const end = instantOf(exam.endDate);
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** A resource rule's validation from a check of one exam that names its problem, if any: run on each exam the resource declares. */
export function checkEachExam(check: (exam: ExamResource, args: ResourceValidationArgs) => string | undefined) {
  return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    for (const exam of examsOf(args)) {
      const problem = check(exam, args);
      if (problem !== undefined) reportViolation(`${exam.label}: ${problem}`);
    }
  };
}
