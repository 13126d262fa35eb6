import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { encodeExam } from "../../provider/group/shape";
import type { DeclaredExam } from "../../provider/policy/exam";
import { SeenPlaces, uniqueIn } from "../../provider/policy/exam-id-unique";

// The policy rules run off the engine, as the pack runs them: resources shaped as the
// engine hands them over, props behind @pulumi/policy's own proxy (which throws on
// reading an unknown value), each rule's violations collected.

const TYPE = "pulumi-nodejs:dynamic/proctor:Exam";

export function exam(fields: Partial<Record<keyof DeclaredExam, unknown>> = {}): DeclaredExam {
  return {
    accountId: "100", accountName: "Science", examId: "2027s-phy-final", examName: "Physics final", courseName: "Physics",
    duration: 60, schedule: false, proctoring: "auto", startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-15T20:00:00Z",
    ...fields,
  } as DeclaredExam;
}

export function resource(name: string, fields: Partial<Record<keyof DeclaredExam, unknown>> = {}, config?: Record<string, string>): PolicyResource {
  const provider = config && { type: "pulumi:providers:pulumi-nodejs", urn: "urn:pulumi:test::p::pulumi:providers:pulumi-nodejs::default", name: "default", props: config };
  return { type: TYPE, name, urn: `urn:pulumi:test::p::${TYPE}::${name}`, props: exam(fields), provider } as unknown as PolicyResource;
}

export const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(value: T) => T };

type Validate = (args: ResourceValidationArgs, report: (message: string) => void) => void;

/** Runs a resource rule as the pack runs it: props behind @pulumi/policy's proxy, which throws on reading an unknown. */
export function violations(policy: ResourceValidationPolicy, fields: Partial<Record<keyof DeclaredExam, unknown>>, config: object = {}): string[] {
  const found: string[] = [];
  const args = { ...resource("r", fields), props: unknownCheckingProxy(exam(fields)), getConfig: () => config } as unknown as ResourceValidationArgs;
  (policy.validateResource as Validate)(args, (message) => found.push(message));
  return found;
}

/** Runs exam-id-unique on resources one after another, as the engine asks about them in one run of the pack: each resource's violations. */
export function uniqueViolations(resources: PolicyResource[], env: NodeJS.ProcessEnv = {}): Map<string, string[]> {
  const check = uniqueIn(new SeenPlaces(), env);
  const found = new Map<string, string[]>();
  for (const r of resources) {
    const messages: string[] = [];
    check({ ...r, props: unknownCheckingProxy(r.props), getConfig: () => ({}) } as unknown as ResourceValidationArgs, (message) => messages.push(message));
    if (messages.length > 0) found.set(r.name, messages);
  }
  return found;
}

// A course's exams in one resource (granularity "course"): each exam one JSON string under its examId.
const GROUP_TYPE = "pulumi-nodejs:dynamic/proctor:ExamGroup";

export function groupResource(name: string, exams: Record<string, unknown>, config?: Record<string, string>): PolicyResource {
  const provider = config && { type: "pulumi:providers:pulumi-nodejs", urn: "urn:pulumi:test::p::pulumi:providers:pulumi-nodejs::default", name: "default", props: config };
  return { type: GROUP_TYPE, name, urn: `urn:pulumi:test::p::${GROUP_TYPE}::${name}`, props: { exams, __provider: "exports.handler = x" }, provider } as unknown as PolicyResource;
}

export const held = (...exams: DeclaredExam[]) => Object.fromEntries(exams.map((e) => [String(e.examId), encodeExam(e)]));

/** Runs a resource rule on a group as the pack runs it: props behind @pulumi/policy's proxy. */
export function groupViolations(policy: ResourceValidationPolicy, exams: Record<string, unknown>, config: object = {}, stack = "test"): string[] {
  const found: string[] = [];
  const group = groupResource("cat-100-Physics", exams);
  const args = { ...group, urn: group.urn.replace("urn:pulumi:test::", `urn:pulumi:${stack}::`), props: unknownCheckingProxy(group.props), getConfig: () => config } as unknown as ResourceValidationArgs;
  (policy.validateResource as Validate)(args, (message) => found.push(message));
  return found;
}

/** Runs a stack rule over resources as the pack does. */
export function stackViolations(policy: StackValidationPolicy, resources: PolicyResource[], config: object = {}): { message: string; urn?: string }[] {
  const found: { message: string; urn?: string }[] = [];
  (policy.validateStack as (args: StackValidationArgs, report: (message: string, urn?: string) => void) => void)(
    { resources, getConfig: () => config } as unknown as StackValidationArgs,
    (message, urn) => found.push({ message, urn }),
  );
  return found;
}
