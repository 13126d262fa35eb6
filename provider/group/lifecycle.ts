import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { closeExam, connectionFor, outputs, reportAttempts, upsertExam } from "../exam/lifecycle";
import { managedInThisDeployment, registrationSettled, rememberDeclared, rememberUpsert } from "../exam/managed";
import { changedFields, edit, removal, replaceReasons, type Place } from "../exam/plan";
import { requestBody } from "../exam/body";
import { UNKNOWN, validateExam, type ExamSpec } from "../exam/schema";
import type { ServerView } from "../exam/state";
import { decodeExam, encodeExam, type GroupInputs } from "./shape";
import { GROUP_SCHEMA_VERSION, readGroupState, type GroupState, type StoredGroupOutputs } from "./state";
import { isRecord } from "../record";
import { engineMessage, GroupPartialFailure, ValidationError } from "../errors";

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

/** What check() lets through: every exam's canonical string, and the engine's own keys (the provider's `__provider`). */
export type CheckedGroupInputs = GroupInputs & Record<string, unknown>;

/**
 * The exams check() validated in this process, by their text, until create or
 * update reads them: in one `pulumi up` the engine checks, then creates or updates,
 * through one provider process, and validating 10,000 exams twice costs a second.
 */
const validated = new Map<string, ExamSpec>();

/**
 * Every exam the group holds, each checked as an Exam's arguments are. The
 * inputs keep each exam as written (canonical JSON of its arguments, not the
 * schema's normalized form), so an exam whose text is unchanged since the
 * last check is not validated again: at 10,000 exams that is a second of CPU
 * in every preview. (A new release's stricter check then reaches such an exam
 * when it changes, and before any request for it.)
 */
export async function check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<CheckedGroupInputs>> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const exams: Record<string, string> = {};
  const given = isRecord(news.exams) ? news.exams : {};
  const checkedBefore = isRecord(olds.exams) ? olds.exams : {};
  for (const [examId, text] of Object.entries(given)) {
    const property = `exams[${JSON.stringify(examId)}]`;
    const args = decodeExam(text);
    if (args === undefined) {
      failures.push({ property, reason: `exam "${examId}": not the JSON of an exam's arguments` });
      continue;
    }
    const canonical = encodeExam(args);
    if (checkedBefore[examId] !== canonical) {
      const result = validateExam(args);
      if (!result.ok) {
        for (const failure of result.failures) failures.push({ property: `${property}.${failure.property}`, reason: `exam "${examId}": ${failure.reason}` });
        continue;
      }
      if (String(result.exam.examId) !== examId) {
        failures.push({ property: `${property}.examId`, reason: `exam "${examId}": is held under another examId (${JSON.stringify(result.exam.examId)})` });
        continue;
      }
      for (const warning of result.warnings) pulumi.log.warn(`exam "${examId}": ${warning}`);
      validated.set(canonical, result.exam);
    }
    try {
      if (args.connection !== UNKNOWN) rememberDeclared(connectionFor(args as Pick<ExamSpec, "connection">), examId);
    } catch (error) {
      failures.push({ property: `${property}.connection`, reason: `exam "${examId}": ${engineMessage(error)}` });
    }
    exams[examId] = canonical;
  }
  return { inputs: { ...news, exams }, failures };
}

/** The checked exam in a string check() let through (the normalized arguments the body is built from). */
function specOf(examId: string, text: string): ExamSpec {
  const known = validated.get(text);
  if (known) {
    validated.delete(text);
    return known;
  }
  const result = validateExam(decodeExam(text)!);
  if (!result.ok) throw new ValidationError("VALIDATION", `exam "${examId}" passed an earlier check but fails this release's: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  return result.exam;
}

export async function create(inputs: CheckedGroupInputs): Promise<pulumi.dynamic.CreateResult<GroupState>> {
  const id = randomUUID();
  const outs = await reconcile(id, { exams: {}, servers: {}, schemaVersion: GROUP_SCHEMA_VERSION }, inputs);
  return { id, outs };
}

export async function update(id: string, olds: StoredGroupOutputs, news: CheckedGroupInputs): Promise<pulumi.dynamic.UpdateResult<GroupState>> {
  return { outs: await reconcile(id, readGroupState(olds), news) };
}

// `delete` is a reserved word, so the function has another name inside this module.
export { remove as delete };

/** Every exam's own fate; when one fails, the resource stays in the state and the next destroy or up tries again. */
async function remove(id: string, props: StoredGroupOutputs): Promise<void> {
  await reconcile(id, readGroupState(props), { exams: {} });
}

/** One exam's outcome: what Proctor now holds of it (absent: nothing, it left this group), or why that failed. */
type Outcome = { held?: { text: string; server: ServerView } } | { failed: string };

/** An exam this group stops holding under its old identity: removed, or moved to another place or account. */
interface Leaving {
  examId: string;
  text: string;
  place: Place;
}

/**
 * Makes Proctor hold `news`' exams, exam by exam as the plan says: arrivals
 * and changes first (one upsert each), then, once the program's registrations
 * are in, the fates of exams this group no longer holds (a close, or nothing).
 */
async function reconcile(id: string, olds: GroupState, news: CheckedGroupInputs): Promise<GroupState> {
  const before = olds.exams;
  const servers = olds.servers;
  const after = news.exams;
  const serverOf = (examId: string) => (servers[examId] === undefined ? undefined : (JSON.parse(servers[examId]) as ServerView));
  const outcomes = new Map<string, Outcome>();
  const leaving: Leaving[] = [];
  await Promise.all(
    Object.entries(after).map(async ([examId, text]) => {
      const { outcome, left } = await arrive(examId, text, before[examId], serverOf(examId));
      outcomes.set(examId, outcome);
      if (left) leaving.push(left);
    }),
  );
  for (const [examId, text] of Object.entries(before)) {
    if (after[examId] === undefined) leaving.push({ examId, text, place: serverOf(examId)! });
  }
  const failures = await leave(leaving);
  // A fate that failed keeps the exam as it was, so that the next `up` tries it again.
  for (const [examId, failed] of failures) outcomes.set(examId, { failed });
  return stored(id, before, servers, outcomes, news);
}

/** An exam the group holds after this step: nothing to send, or one upsert; and the old exam it leaves behind, when its identity changed. */
async function arrive(examId: string, text: string, previousText: string | undefined, server: ServerView | undefined): Promise<{ outcome: Outcome; left?: Leaving }> {
  if (previousText === text && server) {
    const place = connectionFor(decodeExam(text) as Pick<ExamSpec, "connection">);
    if (place.url === server.url && place.integrationName === server.integrationName) {
      // Proctor holds it as written, where the connection points: nothing to check or send.
      rememberUpsert(server, examId);
      return { outcome: { held: { text, server } } };
    }
  }
  try {
    const exam = specOf(examId, text);
    const previous = previousText === undefined ? undefined : specOf(examId, previousText);
    const connection = connectionFor(exam);
    rememberUpsert(connection, examId);
    let left: Leaving | undefined;
    if (previous && server) {
      const reasons = replaceReasons({ examId, accountId: previous.accountId, place: server }, { examId, accountId: exam.accountId, place: connection });
      if (reasons.length > 0) left = { examId, text: previousText!, place: server };
      else if (edit(changedFields(previous, exam)) === "nothing") {
        return { outcome: { held: { text, server: { ...server, url: connection.url, integrationName: connection.integrationName } } } };
      }
    }
    const { body } = requestBody(exam, previous);
    const result = await upsertExam(connection, examId, body);
    reportAttempts(examId, result);
    if (!previous && !result.created) {
      pulumi.log.warn(`exam "${examId}" already existed in integration "${connection.integrationName}": adopted it; Proctor now holds the settings declared in code`);
    }
    const state = outputs(exam, connection, { body, result }, [], previous ? server : undefined);
    return { outcome: { held: { text, server: state.server } }, left };
  } catch (error) {
    return { outcome: { failed: engineMessage(error) } };
  }
}

/** The plan's fate of each exam left behind, decided once the program's registrations are in; the failed ones with why. */
async function leave(leaving: readonly Leaving[]): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  if (leaving.length === 0) return failures;
  await registrationSettled();
  await Promise.all(
    leaving.map(async ({ examId, text, place }) => {
      try {
        const exam = specOf(examId, text);
        const { fate } = removal(exam.deletionPolicy, managedInThisDeployment(place, examId));
        if (fate === "close") {
          const endDate = await closeExam(exam, { url: place.url, integrationName: place.integrationName });
          pulumi.log.info(`exam "${examId}" closed: its window now ends at ${endDate}`);
        } else if (fate === "retain") {
          pulumi.log.warn(`exam "${examId}" stays in Constructor Proctor: the API has no delete, so it was only removed from the stack (deletionPolicy "retain")`);
        }
      } catch (error) {
        failures.set(examId, engineMessage(error));
      }
    }),
  );
  return failures;
}

/** The outputs after this step: what succeeded as it is now, what failed as it was; a partial failure when anything failed. */
function stored(id: string, before: Record<string, string>, servers: Record<string, string>, outcomes: Map<string, Outcome>, news: CheckedGroupInputs): GroupState {
  const state: GroupState = { exams: {}, servers: {}, schemaVersion: GROUP_SCHEMA_VERSION };
  const failed: string[] = [];
  for (const examId of new Set([...Object.keys(before), ...outcomes.keys()])) {
    const outcome = outcomes.get(examId);
    if (outcome && "failed" in outcome) {
      // The client's errors name their exam already; others get its name here.
      const named = outcome.failed.startsWith(`exam "${examId}"`) ? outcome.failed : `exam "${examId}": ${outcome.failed}`;
      failed.push(named);
      if (before[examId] !== undefined) {
        state.exams[examId] = before[examId];
        state.servers[examId] = servers[examId];
      }
    } else if (outcome?.held) {
      state.exams[examId] = outcome.held.text;
      state.servers[examId] = JSON.stringify(outcome.held.server);
    }
  }
  if (failed.length > 0) throw new GroupPartialFailure(id, { ...state, __provider: news.__provider }, failed);
  return state;
}
