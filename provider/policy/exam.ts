import type { PolicyResource, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import type { z } from "zod";
import { examSchema, idText, UNKNOWN, type Unknown } from "../exam/schema";
import { instantOf } from "../exam/dates";
import { show } from "../show";

/**
 * An Exam as a policy sees it: a dynamic resource (`pulumi-nodejs:dynamic...`)
 * whose inputs are the exam's arguments. During preview any value may still be
 * unknown, or missing where a program left an optional field out.
 */
export type DeclaredExam = Partial<z.input<ReturnType<typeof examSchema>>>;

export interface ExamResource {
  name: string;
  urn: string;
  exam: DeclaredExam;
  /** `exam "<resource name>" (examId "<id>")`, how every message names it. */
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

/** The exam a resource declares, or undefined for any other resource. */
export function examOf(resource: Pick<PolicyResource, "type" | "name" | "urn" | "props">): ExamResource | undefined {
  if (!resource.type.startsWith(DYNAMIC)) return undefined;
  const values = ownValues(resource.props);
  if (!examFields().every((key) => key in values)) return undefined;
  const exam = values as DeclaredExam;
  const examId = examIdOf(exam);
  const label = `exam "${resource.name}"${examId === undefined ? "" : ` (examId ${show(examId)})`}`;
  return { name: resource.name, urn: resource.urn, exam, label };
}

/** Every exam among a stack's resources. */
export function examsIn(resources: readonly PolicyResource[]): ExamResource[] {
  return resources.flatMap((resource) => examOf(resource) ?? []);
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

/** A resource rule's validation from a check of one exam that names its problem, if any. */
export function checkEachExam(check: (exam: ExamResource, args: ResourceValidationArgs) => string | undefined) {
  return (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    const exam = examOf(args);
    if (exam === undefined) return;
    const problem = check(exam, args);
    if (problem !== undefined) reportViolation(`${exam.label}: ${problem}`);
  };
}
