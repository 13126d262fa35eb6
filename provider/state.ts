import type { ExamSpec } from "./schema";

/**
 * The shape of an Exam's outputs in Pulumi state. Old states must stay readable
 * by new code (the shim always loads the installed package), so the shape
 * carries a version; a new shape gets a new number and a reader for the old one.
 */
export const SCHEMA_VERSION = 1;

/** What the server answered to the last upsert, and where the exam lives. */
export interface ServerView {
  url: string;
  integrationName: string;
  /** 201 (created) or 200 (updated) of the last upsert. */
  status: number;
  /** True when the exam existed before this stack created it. */
  adopted: boolean;
  /** The server's "actual exam parameters", as it answered them. */
  exam: unknown;
}

export type ExamState = ExamSpec & { server: ServerView; schemaVersion: number };

const NOT_DECLARED = new Set(["server", "schemaVersion", "__provider"]);

/** The declared arguments within a state's outputs. */
export function declaredFields(state: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !NOT_DECLARED.has(key)));
}
