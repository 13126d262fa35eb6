import assert from "node:assert/strict";
import { test } from "node:test";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { UNKNOWN } from "../../provider/exam/schema";
import { globMatches } from "../../provider/policy/config";
import { encodeExam } from "../../provider/group/shape";
import { examOf, examsIn, type DeclaredExam } from "../../provider/policy/exam";
import { examIdMismatch, examIdPattern } from "../../provider/policy/exam-id-pattern";
import { declarationsOf, SeenPlaces, uniqueIn } from "../../provider/policy/exam-id-unique";
import { stackOfUrn, trialMismatch, trialStack } from "../../provider/policy/trial-stack";
import { windowFitsDuration, windowShortfall } from "../../provider/policy/window-fits-duration";
import { lateness, span, windowTiming } from "../../provider/policy/window-timing";
import { overlappingPairs, overlaps, windowsOverlap } from "../../provider/policy/windows-overlap";

// The rules' logic, off the engine: date math across UTC offsets, overlapping
// windows, stack-name globs, examId patterns, how duplicates are keyed, and
// unknown values (read through @pulumi/policy's own proxy) skipped, not reported.

const TYPE = "pulumi-nodejs:dynamic/proctor:Exam";

function exam(fields: Partial<Record<keyof DeclaredExam, unknown>> = {}): DeclaredExam {
  return {
    accountId: "100", accountName: "Science", examId: "2027s-phy-final", examName: "Physics final", courseName: "Physics",
    duration: 60, schedule: false, proctoring: "auto", startDate: "2027-01-11T08:00:00Z", endDate: "2027-01-15T20:00:00Z",
    ...fields,
  } as DeclaredExam;
}

function resource(name: string, fields: Partial<Record<keyof DeclaredExam, unknown>> = {}, config?: Record<string, string>): PolicyResource {
  const provider = config && { type: "pulumi:providers:pulumi-nodejs", urn: "urn:pulumi:test::p::pulumi:providers:pulumi-nodejs::default", name: "default", props: config };
  return { type: TYPE, name, urn: `urn:pulumi:test::p::${TYPE}::${name}`, props: exam(fields), provider } as unknown as PolicyResource;
}

const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(value: T) => T };

/** Runs a resource rule as the pack runs it: props behind @pulumi/policy's proxy, which throws on reading an unknown. */
function violations(policy: ResourceValidationPolicy, fields: Partial<Record<keyof DeclaredExam, unknown>>, config: object = {}): string[] {
  const found: string[] = [];
  const args = { ...resource("r", fields), props: unknownCheckingProxy(exam(fields)), getConfig: () => config } as unknown as ResourceValidationArgs;
  const validate = policy.validateResource as (args: ResourceValidationArgs, report: (message: string) => void) => void;
  validate(args, (message) => found.push(message));
  return found;
}

test("a window shorter than the duration is reported, with its length; offsets count (10:00+02:00 is 08:00Z)", () => {
  const oneHour = { startDate: "2027-01-01T10:00:00+02:00", endDate: "2027-01-01T09:00:00Z" };
  assert.equal(windowShortfall(exam({ ...oneHour, duration: 60 })), undefined);
  assert.match(windowShortfall(exam({ ...oneHour, duration: 90 })) ?? "", /endDate − startDate is 60 minutes .* shorter than duration 90/);
  assert.deepEqual(violations(windowFitsDuration, { ...oneHour, duration: 90 }).map((m) => m.split(":")[0]), [`exam "r" (examId "2027s-phy-final")`]);
});

test("a window is late when over, open, or opening within the hours given; not otherwise", () => {
  const now = Date.parse("2027-01-10T12:00:00Z");
  const late = (startDate: string, endDate: string, hours = 24) => lateness(exam({ startDate, endDate }), now, hours);
  assert.match(late("2027-01-01T08:00:00Z", "2027-01-08T12:00:00Z") ?? "", /endDate 2027-01-08T12:00:00Z has passed \(2 days ago\)/);
  assert.match(late("2027-01-10T08:00:00Z", "2027-01-12T08:00:00Z") ?? "", /startDate .* has passed \(4 hours ago\): the window is open/);
  // 20:00+05:00 is 15:00Z: three hours from now.
  assert.match(late("2027-01-10T20:00:00+05:00", "2027-01-20T08:00:00Z") ?? "", /is in 3 hours, less than the 24 hours/);
  assert.equal(late("2027-01-10T20:00:00+05:00", "2027-01-20T08:00:00Z", 2), undefined);
  assert.equal(late("2027-01-12T08:00:00Z", "2027-01-20T08:00:00Z"), undefined);
  assert.deepEqual([span(90_000), span(3_600_000), span(47 * 3_600_000), span(72 * 3_600_000)], ["2 minutes", "1 hour", "47 hours", "3 days"]);
});

test("windows overlap when they share time, not when one ends as the next starts; pairs are per course or per account, whatever the order given", () => {
  assert.equal(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 }), false);
  assert.equal(overlaps({ start: 0, end: 10 }, { start: 9, end: 20 }), true);
  assert.equal(overlaps({ start: 0, end: 30 }, { start: 10, end: 20 }), true);
  const exams = [
    resource("final"),
    // Ends 2027-01-11T09:00+01:00 = 08:00Z, as "final" starts: no overlap.
    resource("quiz", { examId: "quiz", startDate: "2027-01-10T09:00:00+01:00", endDate: "2027-01-11T09:00:00+01:00" }),
    resource("midterm", { examId: "midterm", startDate: "2027-01-15T22:00:00+03:00", endDate: "2027-01-16T08:00:00Z" }),
    resource("bio", { examId: "bio", courseName: "Biology" }),
    resource("copy", {}),
    resource("later", { examId: "later", startDate: UNKNOWN }),
  ].map((r) => examOf(r)!);
  const pairs = (scope: "course" | "account", order: typeof exams) => overlappingPairs(order, scope).map(({ exam: e, other }) => `${e.name}~${other.name}`);
  // Reported on the exam that starts later; "copy" (the final's examId again) is not paired with the final.
  for (const order of [exams, [...exams].reverse()]) {
    assert.deepEqual(pairs("course", order), ["midterm~copy", "midterm~final"]);
    assert.deepEqual(pairs("account", order), ["copy~bio", "final~bio", "midterm~bio", "midterm~copy", "midterm~final"]);
  }
});

test("stack globs: * and ? only, the whole name; trial is reported against the stack it is on", () => {
  assert.ok(globMatches("prod*", "prod"));
  assert.ok(globMatches("prod*", "production-eu"));
  assert.ok(!globMatches("prod*", "preprod"));
  assert.ok(globMatches("te?t", "test"));
  assert.ok(!globMatches("prod.eu", "prodXeu"));
  assert.equal(stackOfUrn("urn:pulumi:prod-eu::proj::pulumi-nodejs:dynamic/proctor:Exam::final"), "prod-eu");
  assert.match(trialMismatch(exam({ trial: true }), "prod-eu", "prod*") ?? "", /trial: true on stack "prod-eu", a production stack/);
  assert.match(trialMismatch(exam({ trial: false }), "staging", "prod*") ?? "", /trial: false on stack "staging", not a production stack/);
  assert.equal(trialMismatch(exam({ trial: false }), "prod-eu", "prod*"), undefined);
  assert.equal(trialMismatch(exam({ trial: true }), "staging", "prod*"), undefined);
  assert.equal(trialMismatch(exam(), "staging", "prod*"), undefined);
});

test("examId pattern: unset passes; numbers are matched as written; a bad pattern is refused naming the rule", () => {
  assert.equal(examIdMismatch(exam({ examId: "2026f-bio" }), undefined), undefined);
  assert.match(examIdMismatch(exam({ examId: "2026f-bio" }), "^2027s-") ?? "", /examId does not match the pattern "\^2027s-"/);
  assert.equal(examIdMismatch(exam({ examId: 2027001 }), "^2027"), undefined);
  assert.deepEqual(violations(examIdPattern, { examId: "2026f-bio" }, {}), []);
  assert.equal(violations(examIdPattern, { examId: "2026f-bio" }, { pattern: "^2027s-" }).length, 1);
  assert.throws(() => violations(examIdPattern, {}, { pattern: "([" }), /policy exam-id-pattern: the policy pack config is invalid: pattern: "\(\[" is not a regular expression/);
});

/** Runs exam-id-unique on resources one after another, as the engine asks about them in one run of the pack: each resource's violations. */
function uniqueViolations(resources: PolicyResource[], env: NodeJS.ProcessEnv = {}): Map<string, string[]> {
  const check = uniqueIn(new SeenPlaces(), env);
  const found = new Map<string, string[]>();
  for (const r of resources) {
    const messages: string[] = [];
    check({ ...r, props: unknownCheckingProxy(r.props), getConfig: () => ({}) } as unknown as ResourceValidationArgs, (message) => messages.push(message));
    if (messages.length > 0) found.set(r.name, messages);
  }
  return found;
}

test("duplicates are keyed by where the connection points (config, then PROCTOR_* variables), else by the connection's name", () => {
  const config = {
    "proctor:url": "https://proctor.example.org/",
    "proctor:integrationName": "lms",
    "proctor:jwtSecret": "not-shown",
    "proctor:connections": JSON.stringify({ mirror: { url: "https://proctor.example.org", integrationName: "lms" }, other: { url: "https://proctor.example.org", integrationName: "hr" } }),
  };
  const env = { PROCTOR_VIA_ENV_URL: "https://proctor.example.org", PROCTOR_VIA_ENV_INTEGRATION_NAME: "lms" };
  const declared = [
    resource("a", {}, config),
    resource("b", { connection: "mirror" }, config),
    resource("c", { connection: "other" }, config),
    resource("d", { connection: "via-env" }, config),
    resource("e", { connection: "nowhere" }, config),
    resource("f", { connection: "nowhere" }, config),
    resource("g", { examId: UNKNOWN }, config),
  ];
  assert.deepEqual(declarationsOf(declared[0], env)[0].place, { url: "https://proctor.example.org", integrationName: "lms" });
  const found = uniqueViolations(declared, env);
  assert.deepEqual([...found.keys()], ["b", "d", "f"], "each later declaration of a place is reported when it is asked about");
  assert.deepEqual(found.get("d"), [
    'exam "d" (examId "2027s-phy-final"): is declared by 3 exams on integration "lms" at https://proctor.example.org: ' +
      '"a" (connection "default"), "b" (connection "mirror"), "d" (connection "via-env"); the API is an upsert keyed by examId, so they would overwrite each other',
  ]);
  assert.match(found.get("f")![0], /on connection "nowhere": "e" \(connection "nowhere"\), "f" \(connection "nowhere"\)/);
  for (const [name, messages] of found) assert.ok(!messages.join().includes("not-shown"), `${name}: a secret was shown`);
});

test("a resource asked about again replaces what it declared before: an unchanged run reports nothing new, a moved examId frees its place", () => {
  const config = { "proctor:url": "https://proctor.example.org", "proctor:integrationName": "lms" };
  const check = uniqueIn(new SeenPlaces(), {});
  const ask = (r: PolicyResource) => {
    const messages: string[] = [];
    check({ ...r, getConfig: () => ({}) } as unknown as ResourceValidationArgs, (message) => messages.push(message));
    return messages;
  };
  // A preview, then the update in the same process: the same resource twice is one declaration.
  assert.deepEqual([ask(resource("a", {}, config)), ask(resource("a", {}, config))], [[], []]);
  assert.equal(ask(resource("b", {}, config)).length, 1);
  // "a" now declares another examId: "b" is alone in its place.
  assert.deepEqual(ask(resource("a", { examId: "2027s-phy-resit" }, config)), []);
  assert.deepEqual(ask(resource("b", {}, config)), []);
});

test("values unknown during preview are skipped, not reported, by every resource rule", () => {
  for (const policy of [windowFitsDuration, windowTiming, examIdPattern]) {
    assert.deepEqual(violations(policy, { startDate: UNKNOWN, examId: UNKNOWN, duration: UNKNOWN }, { pattern: "^x" }), [], policy.name);
  }
  assert.equal(examOf({ ...resource("r"), type: "pulumi-nodejs:dynamic:Resource" }) !== undefined, true, "an Exam is known by its inputs, not its type name");
  assert.equal(examOf({ ...resource("r"), props: { examId: "x" } }), undefined);
});

// A course's exams in one resource (granularity "course"): each exam one JSON string under its examId.
const GROUP_TYPE = "pulumi-nodejs:dynamic/proctor:ExamGroup";

function groupResource(name: string, exams: Record<string, unknown>, config?: Record<string, string>): PolicyResource {
  const provider = config && { type: "pulumi:providers:pulumi-nodejs", urn: "urn:pulumi:test::p::pulumi:providers:pulumi-nodejs::default", name: "default", props: config };
  return { type: GROUP_TYPE, name, urn: `urn:pulumi:test::p::${GROUP_TYPE}::${name}`, props: { exams, __provider: "exports.handler = x" }, provider } as unknown as PolicyResource;
}

const held = (...exams: DeclaredExam[]) => Object.fromEntries(exams.map((e) => [String(e.examId), encodeExam(e)]));

/** Runs a resource rule on a group as the pack runs it: props behind @pulumi/policy's proxy. */
function groupViolations(policy: ResourceValidationPolicy, exams: Record<string, unknown>, config: object = {}, stack = "test"): string[] {
  const found: string[] = [];
  const group = groupResource("cat-100-Physics", exams);
  const args = { ...group, urn: group.urn.replace("urn:pulumi:test::", `urn:pulumi:${stack}::`), props: unknownCheckingProxy(group.props), getConfig: () => config } as unknown as ResourceValidationArgs;
  (policy.validateResource as (args: ResourceValidationArgs, report: (message: string) => void) => void)(args, (message) => found.push(message));
  return found;
}

test("every resource rule checks each exam inside a course's resource, and names the resource and the examId", () => {
  const exams = held(
    exam({ examId: "phy-final", duration: 10_000, trial: true }),
    exam({ examId: "phy-quiz" }),
    exam({ examId: "phy-lab", duration: 10_000, startDate: "2020-01-11T08:00:00Z", endDate: "2020-01-15T20:00:00Z" }),
  );
  const shortfalls = groupViolations(windowFitsDuration, exams);
  assert.deepEqual(shortfalls.map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-final]" (examId "phy-final")', 'exam "cat-100-Physics[phy-lab]" (examId "phy-lab")']);
  assert.match(shortfalls[0], /shorter than duration 10000/);
  assert.deepEqual(groupViolations(windowTiming, exams).map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-lab]" (examId "phy-lab")']);
  assert.deepEqual(groupViolations(examIdPattern, exams, { pattern: "^phy-(final|quiz)$" }).map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-lab]" (examId "phy-lab")']);
  assert.deepEqual(groupViolations(trialStack, exams, {}, "prod-eu").map((m) => m.split(": ")[0]), ['exam "cat-100-Physics[phy-final]" (examId "phy-final")']);
});

test("a course's exams map or one exam's string unknown during preview is skipped, not reported, and not read through the proxy", () => {
  for (const policy of [windowFitsDuration, windowTiming, examIdPattern, trialStack]) {
    assert.deepEqual(groupViolations(policy, { "phy-final": UNKNOWN, "phy-lab": encodeExam(exam({ examId: "phy-lab" })) }, { pattern: "^phy-" }), [], policy.name);
  }
  const unknownMap = { ...groupResource("g", {}), props: unknownCheckingProxy({ exams: UNKNOWN }), getConfig: () => ({}) } as unknown as ResourceValidationArgs;
  const found: string[] = [];
  (windowFitsDuration.validateResource as (args: ResourceValidationArgs, report: (message: string) => void) => void)(unknownMap, (m) => found.push(m));
  assert.deepEqual(found, []);
  assert.deepEqual(examsIn([groupResource("g", { x: "[secret]" })]), [], "a masked string is no exam to check");
});

/** Runs a stack rule over resources as the pack does. */
function stackViolations(policy: StackValidationPolicy, resources: PolicyResource[], config: object = {}): { message: string; urn?: string }[] {
  const found: { message: string; urn?: string }[] = [];
  (policy.validateStack as (args: StackValidationArgs, report: (message: string, urn?: string) => void) => void)(
    { resources, getConfig: () => config } as unknown as StackValidationArgs,
    (message, urn) => found.push({ message, urn }),
  );
  return found;
}

test("the rules see every exam inside course resources, beside Exams: overlaps within a course, an examId declared by a course and an Exam", () => {
  const config = { "proctor:url": "https://proctor.example.org", "proctor:integrationName": "lms" };
  const physics = groupResource(
    "cat-100-Physics",
    held(exam({ examId: "phy-final" }), exam({ examId: "phy-midterm", startDate: "2027-01-14T08:00:00Z", endDate: "2027-01-20T20:00:00Z" })),
    config,
  );
  const chemistry = groupResource("cat-100-Chemistry", held(exam({ examId: "chem-final", courseName: "Chemistry" })), config);
  const copy = resource("copy", { examId: "chem-final", courseName: "Chemistry", startDate: "2027-03-01T08:00:00Z", endDate: "2027-03-02T08:00:00Z" }, config);
  assert.deepEqual(examsIn([physics, chemistry, copy]).map((e) => e.name), ["cat-100-Physics[phy-final]", "cat-100-Physics[phy-midterm]", "cat-100-Chemistry[chem-final]", "copy"]);

  const overlaps = stackViolations(windowsOverlap, [physics, chemistry, copy]);
  assert.deepEqual(overlaps.map((v) => v.urn), [physics.urn]);
  assert.match(overlaps[0].message, /^exam "cat-100-Physics\[phy-midterm\]" \(examId "phy-midterm"\): its window .* overlaps that of exam "cat-100-Physics\[phy-final\]" \(examId "phy-final"\)/);

  const duplicates = uniqueViolations([physics, chemistry, copy]);
  assert.deepEqual([...duplicates.keys()], ["copy"]);
  assert.match(duplicates.get("copy")![0], /^exam "copy" \(examId "chem-final"\): is declared by 2 exams on integration "lms" at https:\/\/proctor.example.org: "cat-100-Chemistry\[chem-final\]" \(connection "default"\), "copy" \(connection "default"\)/);
});
