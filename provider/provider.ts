import * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import { upsertExam, type UpsertResult } from "./client";
import { resolveConnection, type ConfigSource, type Connection } from "./connection";
import { UNKNOWN, validateExam, type ExamSpec } from "./schema";
import { SCHEMA_VERSION, declaredFields, type ExamState, type ServerView } from "./state";

/**
 * The Exam dynamic provider: this module's exports are the provider's methods.
 * Data flows one way: arguments → schema (check) → engine diff → body → client →
 * API → outputs. State stores only `require("pulumi-proctor/dist/provider/provider.js")`
 * (see exam.ts), so every method here is the installed code, even for resources
 * created by an older version. There is no `read`: Proctor has no read API, and
 * without one the engine keeps the last state written, which is all there is to know.
 */

// The stack config the engine hands to configure(); environment variables fill the gaps.
let config: ConfigSource = () => undefined;

function connectionFor(exam: Pick<ExamSpec, "connection">): Connection {
  return resolveConnection(exam.connection, config);
}

function validated(inputs: Record<string, unknown>, what: string): ExamSpec {
  const result = validateExam(inputs);
  if (!result.ok) {
    const reasons = result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    throw new Error(`${what}: invalid exam: ${reasons}`);
  }
  return result.exam;
}

function outputs(exam: ExamSpec, connection: Connection, result: UpsertResult | undefined, previous?: ServerView): ExamState {
  const server: ServerView = result
    ? {
        url: connection.url,
        integrationName: connection.integrationName,
        status: result.status,
        adopted: previous ? previous.adopted : !result.created,
        exam: result.body,
      }
    : { ...previous!, url: connection.url, integrationName: connection.integrationName };
  return { ...exam, server, schemaVersion: SCHEMA_VERSION };
}

function reportAttempts(examId: string, result: UpsertResult): void {
  if (result.attempts > 1) {
    pulumi.log.info(`exam "${examId}": stored after ${result.attempts} attempts (${result.attempts - 1} retries)`);
  }
}

/** The upsert body of an exam whose window ends now: no new session can start. */
function closedBody(exam: ExamSpec): Record<string, unknown> {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
  const body: Record<string, unknown> = { ...requestBody(exam).body, endDate: now };
  if (Date.parse(String(exam.startDate)) > Date.parse(now)) body.startDate = now;
  return body;
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  config = (key) => {
    const value: unknown = req.config.get(key);
    return typeof value === "string" ? value : value === undefined ? undefined : JSON.stringify(value);
  };
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const result = validateExam(news);
  if (!result.ok) return { inputs: news, failures: result.failures };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  try {
    if (!isUnknown(result.exam.connection)) connectionFor(result.exam);
  } catch (error) {
    failures.push({ property: "connection", reason: (error as Error).message });
  }
  for (const warning of result.warnings) pulumi.log.warn(`exam "${String(result.exam.examId)}": ${warning}`);
  return { inputs: { ...result.exam }, failures };
}

export async function diff(_id: string, olds: ExamState, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const replaces = (["examId", "accountId"] as const).filter(
    (key) => !isUnknown(news[key]) && String(news[key]) !== String(olds[key]),
  );
  if (isUnknown(news.examId) || isUnknown(news.accountId)) {
    replaces.push(...(["examId", "accountId"] as const).filter((k) => isUnknown(news[k])));
  }
  let connectionMoved = false;
  if (!isUnknown(news.connection)) {
    const current = connectionFor(news as Pick<ExamSpec, "connection">);
    connectionMoved = current.url !== olds.server?.url || current.integrationName !== olds.server?.integrationName;
  }
  if (connectionMoved) {
    // The exam would land in another integration: a new exam there, not an edit here.
    return { changes: true, replaces: [...replaces, "connection"], deleteBeforeReplace: sameExam(replaces) };
  }
  warnUnresettable(olds, news);
  // Per-property changes are left to the engine, so previews list them and ignoreChanges works.
  return replaces.length > 0 ? { replaces, deleteBeforeReplace: sameExam(replaces) } : {};
}

/**
 * A replacement that keeps the examId may address the very exam it replaces (an
 * accountId change, another URL for the same server): the old one is deleted
 * first, so that closing it cannot close its successor.
 */
function sameExam(replaces: readonly string[]): boolean {
  return !replaces.includes("examId");
}

/** Said in diff, so that preview already shows it. */
function warnUnresettable(olds: ExamState, news: Record<string, unknown>): void {
  const previous = validateExam(declaredFields(olds));
  const next = validateExam(news);
  if (!previous.ok || !next.ok) return;
  for (const path of requestBody(next.exam, previous.exam).unresettable) {
    pulumi.log.warn(
      `exam "${String(next.exam.examId)}": ${path} was removed from the program, but Proctor documents no default for it; ` +
        "the server keeps its last value",
    );
  }
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const exam = validated(inputs, "create");
  const connection = connectionFor(exam);
  const result = await upsertExam(connection, exam.examId, requestBody(exam).body);
  reportAttempts(exam.examId, result);
  if (!result.created) {
    pulumi.log.warn(
      `exam "${exam.examId}" already existed in integration "${connection.integrationName}": adopted it; ` +
        "Proctor now holds the settings declared in code",
    );
  }
  return { id: exam.examId, outs: outputs(exam, connection, result) };
}

export async function update(_id: string, olds: ExamState, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const previous = validated(declaredFields(olds), "update (previous state)");
  const exam = validated(news, "update");
  const connection = connectionFor(exam);
  const { body } = requestBody(exam, previous);
  if (JSON.stringify(body) === JSON.stringify(requestBody(previous).body)) {
    // Only resource options (or the provider's own code) changed: Proctor holds this exam already.
    return { outs: outputs(exam, connection, undefined, olds.server) };
  }
  const result = await upsertExam(connection, exam.examId, body);
  reportAttempts(exam.examId, result);
  return { outs: outputs(exam, connection, result, olds.server) };
}

// `delete` is a reserved word, so the function has another name inside this module.
export { remove as delete };

async function remove(id: string, props: ExamState): Promise<void> {
  const exam = validated(declaredFields(props), "delete");
  if (exam.deletionPolicy !== "close") {
    pulumi.log.warn(
      `exam "${id}" stays in Constructor Proctor: the API has no delete, so it was only removed from the stack ` +
        '(deletionPolicy "retain"; use "close" to end its window on destroy)',
    );
    return;
  }
  const body = closedBody(exam);
  const result = await upsertExam(connectionFor(exam), exam.examId, body);
  reportAttempts(exam.examId, result);
  pulumi.log.info(`exam "${id}" closed: its window now ends at ${String(body.endDate)}`);
}

function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
