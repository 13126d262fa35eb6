import { isRecord } from "../record";

/**
 * The shape of an ExamGroup's outputs in Pulumi state. As for an Exam
 * (exam/state.ts), every release reads the states of every earlier one, so the
 * shape carries a version and is read only through `readGroupState`.
 *
 * 1: `exams` and `servers`, per examId, each one JSON string.
 */
export const GROUP_SCHEMA_VERSION = 1;

// A type, not an interface: it must fit the engine's Record<string, unknown> outputs.
export type GroupState = {
  /** Per examId: the canonical JSON of the arguments Proctor holds. */
  exams: Record<string, string>;
  /** Per examId: JSON of its ServerView (where it lives, the last status, what Proctor answered differently). */
  servers: Record<string, string>;
  schemaVersion: number;
};

/** An ExamGroup's outputs as whichever release wrote them: read only through readGroupState. */
export type StoredGroupOutputs = Record<string, unknown>;

/**
 * A group's outputs in the current shape. Version 1 is the only shape written
 * so far; a new one adds its migration here. A group created by a failed first
 * `up` may hold no exams yet, and reads as empty.
 */
export function readGroupState(props: StoredGroupOutputs): GroupState {
  return { exams: stringsOf(props.exams), servers: stringsOf(props.servers), schemaVersion: GROUP_SCHEMA_VERSION };
}

function stringsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
