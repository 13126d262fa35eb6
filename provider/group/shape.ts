/**
 * The shape of a course- or account-level resource (`granularity: "course"` or
 * `"account"` on a Catalogue): one Pulumi resource holding many exams, each
 * exam one canonical JSON string under its examId. A string, not a nested
 * object: the engine, the SDK and the provider pay per property, and an exam
 * of ~15 fields as one string costs one property instead of ~15 (see
 * shared/pulumi-notes.md "Scale"). The engine still shows a structured diff of
 * a JSON string, and names `exams["<examId>"]` in `preview --json`.
 *
 * Read by the provider (group/lifecycle.ts), the program (group/resource.ts),
 * the review and the policy pack. No Pulumi import.
 */

/** The type token's module and name: `pulumi-nodejs:dynamic/proctor:ExamGroup`. */
export const GROUP_TYPE = "ExamGroup";

/** The full type token, as a URN's type segment ends and as a policy sees `resource.type`. */
export const GROUP_TYPE_TOKEN = `pulumi-nodejs:dynamic/proctor:${GROUP_TYPE}`;

/** Inputs of an ExamGroup: every exam's arguments as canonical JSON, keyed by examId. */
export interface GroupInputs {
  exams: Record<string, string>;
}

/** An exam's arguments as the string the resource holds: keys sorted at every level, so reordering a file diffs nothing. */
export function encodeExam(args: Record<string, unknown>): string {
  return JSON.stringify(sortedKeys(args));
}

/** The arguments in an exam's string; a string that is not a JSON object (a masked "[secret]", an unknown) gives undefined. */
export function decodeExam(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== "string" || !text.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The resource name of a course's (or an account's) group: from the account and course alone, like an Exam's from its examId. */
export function groupResourceName(catalogueName: string, accountId: string, courseName?: string): string {
  return courseName === undefined ? `${catalogueName}-${accountId}` : `${catalogueName}-${accountId}-${courseName}`;
}

/** How the review, the policy pack and messages name one exam inside a group, as if it were a resource of its own. */
export function memberName(group: string, examId: string): string {
  return `${group}[${examId}]`;
}
