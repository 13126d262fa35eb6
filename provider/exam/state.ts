import { requestBody } from "./body";
import type { ExamSpec } from "./schema";
import { isRecord } from "../record";

/**
 * The shape of an Exam's outputs in Pulumi state. Old states must stay readable
 * by new code (the shim always loads the installed package), so the shape
 * carries a version, and `readState` migrates every older one on read.
 *
 * 1: `server.exam` held Proctor's whole answer.
 * 2: `server.exam` holds only what Proctor answered differently from what was
 *    sent (e.g. defaults it filled in): the echo doubled the state and could
 *    hold secret inputs in clear.
 */
export const SCHEMA_VERSION = 2;

/** What the server answered to the last upsert, and where the exam lives. */
export interface ServerView {
  url: string;
  integrationName: string;
  /** 201 (created) or 200 (updated) of the last upsert. */
  status: number;
  /** True when the exam existed before this stack created it. */
  adopted: boolean;
  /** The keys of Proctor's answer that differ from what was sent; absent when it echoed the body as sent. */
  exam?: Record<string, unknown>;
}

export type ExamState = ExamSpec & { server: ServerView; schemaVersion: number };

const NOT_DECLARED = new Set(["server", "schemaVersion", "__provider", "__secretInputs"]);

/** The declared arguments within a state's outputs (or a check's inputs). */
export function declaredFields(state: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !NOT_DECLARED.has(key)));
}

/** The part of `answer` that differs from `sent`, section by section; undefined when nothing does. */
export function answerDifference(answer: unknown, sent: unknown): Record<string, unknown> | undefined {
  const difference = differenceOf(answer, sent);
  return difference === SAME ? undefined : (difference as Record<string, unknown>);
}

const SAME = Symbol("same");

function differenceOf(answer: unknown, sent: unknown): unknown {
  if (isRecord(answer) && isRecord(sent)) {
    const entries = Object.entries(answer)
      .map(([key, value]) => [key, differenceOf(value, sent[key])] as const)
      .filter(([, value]) => value !== SAME);
    return entries.length === 0 ? SAME : Object.fromEntries(entries);
  }
  return JSON.stringify(answer) === JSON.stringify(sent) ? SAME : answer;
}


type Migration = (state: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n state into version n + 1; every version ever written has one. */
const MIGRATIONS: Record<number, Migration> = {
  // Keep only what Proctor answered differently from the body those arguments send.
  1: (state) => {
    const { exam: echo, ...server } = state.server as ServerView & { exam?: unknown };
    const exam = answerDifference(echo, requestBody(declaredFields(state) as ExamSpec).body);
    return { ...state, server: exam === undefined ? server : { ...server, exam }, schemaVersion: 2 };
  },
};

/** An Exam's outputs in the current shape, whatever version wrote them; nothing is sent. */
export function readState(props: Record<string, unknown>): ExamState {
  let state = props;
  for (let version = Number(state.schemaVersion ?? 1); version < SCHEMA_VERSION; version++) state = MIGRATIONS[version](state);
  return state as ExamState;
}
