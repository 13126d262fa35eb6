import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { checked, closeExam, connectionFor, outputs, reportAttempts, upsertExam } from "../exam/lifecycle";
import { managedInThisDeployment, registrationSettled, rememberDeclared, rememberUpsert } from "../exam/managed";
import { changedFields, edit, removal, replaceReasons, type Place } from "../exam/plan";
import { requestBody } from "../exam/body";
import { UNKNOWN, validateExam, type ExamSpec } from "../exam/schema";
import type { ServerView } from "../exam/state";
import { decodeExam, encodeExam } from "./shape";

/**
 * The provider of an ExamGroup (a course's or an account's exams in one
 * resource): every decision is the plan's (exam/plan.ts), exam by exam, as for
 * an Exam; the HTTP work is the Exam's own (exam/lifecycle.ts). There is no
 * `diff`: the engine diffs the exams' JSON strings itself, so previews show
 * each changed exam's fields under its examId.
 *
 * Outputs hold, per exam, what Proctor was last sent successfully (`exams`)
 * and where it lives with its last answer (`servers`). After a partial
 * failure the outputs keep the old value of every exam that failed, and the
 * engine runs an update on the next `up` even without a change: that update
 * sends exactly what is still different.
 */

export { configure } from "../exam/lifecycle";

export const GROUP_SCHEMA_VERSION = 1;

export interface GroupState {
  /** Per examId: the canonical JSON of the arguments Proctor holds. */
  exams: Record<string, string>;
  /** Per examId: JSON of its ServerView (where it lives, the last status, what Proctor answered differently). */
  servers: Record<string, string>;
  schemaVersion: number;
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const exams: Record<string, string> = {};
  const given = typeof news.exams === "object" && news.exams !== null ? (news.exams as Record<string, unknown>) : {};
  for (const [examId, text] of Object.entries(given)) {
    const property = `exams[${JSON.stringify(examId)}]`;
    const args = decodeExam(text);
    if (args === undefined) {
      failures.push({ property, reason: `exam "${examId}": not the JSON of an exam's arguments` });
      continue;
    }
    const result = validateExam(args);
    if (!result.ok) {
      for (const failure of result.failures) failures.push({ property: `${property}.${failure.property}`, reason: `exam "${examId}": ${failure.reason}` });
      continue;
    }
    if (String(result.exam.examId) !== examId) {
      failures.push({ property: `${property}.examId`, reason: `exam "${examId}": is held under another examId (${JSON.stringify(result.exam.examId)})` });
      continue;
    }
    try {
      if (result.exam.connection !== UNKNOWN) rememberDeclared(connectionFor(result.exam), examId);
    } catch (error) {
      failures.push({ property: `${property}.connection`, reason: `exam "${examId}": ${(error as Error).message}` });
    }
    for (const warning of result.warnings) pulumi.log.warn(`exam "${examId}": ${warning}`);
    exams[examId] = encodeExam(result.exam);
  }
  return { inputs: { ...news, exams }, failures };
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const id = randomUUID();
  const outs = await reconcile(id, { exams: {}, servers: {}, schemaVersion: GROUP_SCHEMA_VERSION }, inputs);
  return { id, outs };
}

export async function update(id: string, olds: GroupState, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await reconcile(id, olds, news) };
}

// `delete` is a reserved word, so the function has another name inside this module.
export { remove as delete };

/** Every exam's own fate; when one fails, the resource stays in the state and the next destroy or up tries again. */
async function remove(id: string, props: GroupState): Promise<void> {
  await reconcile(id, props, { exams: {} });
}

/** One exam's outcome: what Proctor now holds of it (undefined: nothing, it left this group), or why that failed. */
type Outcome = { held?: { text: string; server: ServerView } } | { failed: string };

/**
 * Makes Proctor hold `news`' exams, exam by exam as the plan says: arrivals
 * and changes first (one upsert each), then, once the program's registrations
 * are in, the fates of exams this group no longer holds (a close, or nothing).
 */
async function reconcile(id: string, olds: GroupState, news: Record<string, unknown>): Promise<GroupState> {
  const before = olds.exams ?? {};
  const servers = olds.servers ?? {};
  const after = (news.exams ?? {}) as Record<string, string>;
  const outcomes = new Map<string, Outcome>();
  const leaving: { examId: string; exam: ExamSpec; place: Place }[] = [];

  await Promise.all(
    Object.entries(after).map(async ([examId, text]) => {
      const exam = checked(decodeExam(text)!);
      const previous = before[examId] === undefined ? undefined : checked(decodeExam(before[examId])!);
      const server = servers[examId] === undefined ? undefined : (JSON.parse(servers[examId]) as ServerView);
      const connection = connectionFor(exam);
      rememberUpsert(connection, examId);
      if (previous && server) {
        const reasons = replaceReasons({ examId, accountId: previous.accountId, place: server }, { examId, accountId: exam.accountId, place: connection });
        if (reasons.length > 0) leaving.push({ examId, exam: previous, place: server });
        else if (edit(changedFields(previous, exam)) === "nothing") {
          outcomes.set(examId, { held: { text, server: { ...server, url: connection.url, integrationName: connection.integrationName } } });
          return;
        }
      }
      try {
        const { body } = requestBody(exam, previous);
        const result = await upsertExam(connection, examId, body);
        reportAttempts(examId, result);
        if (!previous && !result.created) {
          pulumi.log.warn(`exam "${examId}" already existed in integration "${connection.integrationName}": adopted it; Proctor now holds the settings declared in code`);
        }
        const state = outputs(exam, connection, { body, result }, [], previous ? server : undefined);
        outcomes.set(examId, { held: { text, server: state.server } });
      } catch (error) {
        outcomes.set(examId, { failed: (error as Error).message });
      }
    }),
  );

  for (const [examId, text] of Object.entries(before)) {
    if (after[examId] === undefined) leaving.push({ examId, exam: checked(decodeExam(text)!), place: JSON.parse(servers[examId]) as ServerView });
  }
  if (leaving.some(({ exam }) => exam.deletionPolicy === "close")) await registrationSettled();
  await Promise.all(
    leaving.map(async ({ examId, exam, place }) => {
      const { fate } = removal(exam.deletionPolicy, managedInThisDeployment(place, examId));
      try {
        if (fate === "close") {
          const endDate = await closeExam(exam, { url: place.url, integrationName: place.integrationName });
          pulumi.log.info(`exam "${examId}" closed: its window now ends at ${endDate}`);
        } else if (fate === "retain") {
          pulumi.log.warn(`exam "${examId}" stays in Constructor Proctor: the API has no delete, so it was only removed from the stack (deletionPolicy "retain")`);
        }
      } catch (error) {
        // Kept in the outputs as it was, so that the next `up` tries its fate again.
        outcomes.set(examId, { failed: (error as Error).message });
      }
    }),
  );

  const state: GroupState = { exams: {}, servers: {}, schemaVersion: GROUP_SCHEMA_VERSION };
  const failed: string[] = [];
  for (const examId of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const outcome = outcomes.get(examId);
    if (outcome && "failed" in outcome) {
      failed.push(`exam "${examId}": ${outcome.failed}`);
      if (before[examId] !== undefined) {
        state.exams[examId] = before[examId];
        state.servers[examId] = servers[examId];
      }
    } else if (outcome?.held) {
      state.exams[examId] = outcome.held.text;
      state.servers[examId] = JSON.stringify(outcome.held.server);
    }
  }
  if (failed.length > 0) throw partialFailure(id, state, news, failed);
  return state;
}

/**
 * An error the engine records with these outputs (the dynamic-provider host
 * passes `id`, `properties` and `reasons` on as a resource-initialization
 * failure): the exams that succeeded are stored, the failed ones keep their
 * old state, and the next `up` updates this resource even without a change.
 */
function partialFailure(id: string, state: GroupState, news: Record<string, unknown>, failed: string[]): Error {
  const error = new Error(
    `${failed.length} ${failed.length === 1 ? "exam" : "exams"} of this group failed; the others were stored, and the next pulumi up sends only what is still different:\n` +
      failed.map((line) => `  ${line}`).join("\n"),
  );
  return Object.assign(error, { id, properties: { ...state, __provider: news.__provider }, reasons: failed });
}
