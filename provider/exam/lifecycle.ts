import * as pulumi from "@pulumi/pulumi";
import { requestBody } from "./body";
import type * as Client from "../proctor/client";
import type { UpsertResult } from "../proctor/client";
import { resolveConnection, resolveTuning, type ConfigSource, type Connection } from "../proctor/connection";
import { rememberUpsert, upsertedInThisDeployment } from "./managed";
import { exitWhenOrphaned } from "./orphan-watch";
import { connectionToPlace } from "../proctor/placement";
import { redactValue } from "../proctor/redact";
import { API_FIELDS, UNKNOWN, validateExam, type ExamSpec } from "./schema";
import { SCHEMA_VERSION, answerDifference, declaredFields, readState, type ExamState, type ServerView } from "./state";

/**
 * The Exam dynamic provider: this module's exports are the provider's methods.
 * Data flows one way: arguments → schema (check) → engine diff → body → client →
 * API → outputs. State stores only `require("pulumi-proctor/dist/provider/provider.js")`
 * (see ../provider.ts), so every method here is the installed code, even for resources
 * created by an older version. There is no `read`: Proctor has no read API, and
 * without one the engine keeps the last state written, which is all there is to know.
 */

// The stack config the engine hands to configure(); environment variables fill the gaps.
let config: ConfigSource = () => undefined;
// Each connection is resolved once per configure(), not once per exam and method.
let connections = new Map<string, Connection>();

function connectionFor(exam: Pick<ExamSpec, "connection">): Connection {
  const name = exam.connection ?? "";
  let connection = connections.get(name);
  if (!connection) connections.set(name, (connection = resolveConnection(exam.connection, config)));
  return connection;
}

/**
 * The HTTP client (undici, jose), loaded on the first upsert: a preview or an
 * up with nothing to send never pays for it.
 */
function upsertExam(...args: Parameters<typeof Client.upsertExam>): ReturnType<typeof Client.upsertExam> {
  const client = require("../proctor/client") as typeof Client;
  return client.upsertExam(...args);
}

/**
 * The exam in inputs that check() returned: the engine hands those to diff,
 * create and update, so they are validated and normalized already and are not
 * decoded again.
 */
function checked(inputs: Record<string, unknown>): ExamSpec {
  return declaredFields(inputs) as ExamSpec;
}

/**
 * The outputs of an upserted exam. Of Proctor's answer only what differs from
 * the body is kept, never under a key the program marked secret, and with every
 * secret value (the JWT secret, secret inputs) redacted: outputs under other
 * keys than the inputs' are stored in clear.
 */
function outputs(
  exam: ExamSpec,
  connection: Connection,
  sent: { body: Record<string, unknown>; result: UpsertResult } | undefined,
  secretInputs: readonly string[],
  previous?: ServerView,
): ExamState {
  const place = { url: connection.url, integrationName: connection.integrationName };
  if (!sent) return { ...exam, server: { ...previous!, ...place }, schemaVersion: SCHEMA_VERSION };
  const { result, body } = sent;
  const secretValues = [connection.jwtSecret, ...secretInputs.flatMap((key) => stringsIn(exam[key as keyof ExamSpec]))];
  const answered = Object.fromEntries(Object.entries(result.body).filter(([key]) => !secretInputs.includes(key)));
  const difference = answerDifference(redactValue(answered, secretValues), body);
  const server: ServerView = { ...place, status: result.status, adopted: previous ? previous.adopted : !result.created };
  if (difference !== undefined) server.exam = difference;
  return { ...exam, server, schemaVersion: SCHEMA_VERSION };
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The top-level argument names the program passed as secrets (see exam.ts). */
function secretInputsOf(inputs: Record<string, unknown>): string[] {
  const listed = inputs.__secretInputs;
  return Array.isArray(listed) ? listed.map(String) : [];
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
  exitWhenOrphaned();
  config = (key) => {
    const value: unknown = req.config.get(key);
    return typeof value === "string" ? value : value === undefined ? undefined : JSON.stringify(value);
  };
  connections = new Map();
  // A bad tuning value is reported once, here, before any exam is looked at.
  resolveTuning(config);
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
  // A program without secret arguments leaves the list out (one property fewer per exam); state keeps [] as it always has.
  return { inputs: { ...result.exam, __secretInputs: news.__secretInputs ?? [] }, failures };
}

export async function diff(_id: string, olds: ExamState, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const replaces = (["examId", "accountId"] as const).filter(
    (key) => isUnknown(news[key]) || String(news[key]) !== String(olds[key]),
  );
  let connectionMoved = false;
  if (!isUnknown(news.connection)) {
    const current = connectionFor(news as Pick<ExamSpec, "connection">);
    connectionMoved = current.url !== olds.server?.url || current.integrationName !== olds.server?.integrationName;
  }
  if (connectionMoved) {
    // The exam would land in another integration: a new exam there, not an edit here.
    // When it keeps its examId, the old place is closed first: should both
    // places be one server under two names, the upsert that follows reopens it.
    return { changes: true, replaces: [...replaces, "connection"], deleteBeforeReplace: !replaces.includes("examId") };
  }
  warnUnresettable(readState(olds), checked(news));
  // Per-property changes are left to the engine, so previews list them and ignoreChanges works.
  // A replacement in the same place is created before the old resource is
  // deleted; the delete then finds the exam upserted again and sends no close.
  return replaces.length > 0 ? { replaces } : {};
}

/** Said in diff, so that preview already shows it. */
function warnUnresettable(olds: ExamState, next: ExamSpec): void {
  for (const path of requestBody(next, checked(olds)).unresettable) {
    pulumi.log.warn(
      `exam "${String(next.examId)}": ${path} was removed from the program, but Proctor documents no default for it; ` +
        "the server keeps its last value",
    );
  }
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const exam = checked(inputs);
  const connection = connectionFor(exam);
  const { body } = requestBody(exam);
  const result = await upsertExam(connection, exam.examId, body);
  rememberUpsert(connection, exam.examId);
  reportAttempts(exam.examId, result);
  if (!result.created) {
    pulumi.log.warn(
      `exam "${exam.examId}" already existed in integration "${connection.integrationName}": adopted it; ` +
        "Proctor now holds the settings declared in code",
    );
  }
  return { id: exam.examId, outs: outputs(exam, connection, { body, result }, secretInputsOf(inputs)) };
}

export async function update(_id: string, olds: ExamState, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const state = readState(olds);
  const previous = checked(state);
  const exam = checked(news);
  const connection = connectionFor(exam);
  rememberUpsert(connection, exam.examId);
  if (API_FIELDS.every((field) => JSON.stringify(exam[field]) === JSON.stringify(previous[field]))) {
    // Only resource options (or the provider's own code) changed: Proctor holds this exam already.
    return { outs: outputs(exam, connection, undefined, [], state.server) };
  }
  const { body } = requestBody(exam, previous);
  const result = await upsertExam(connection, exam.examId, body);
  reportAttempts(exam.examId, result);
  return { outs: outputs(exam, connection, { body, result }, secretInputsOf(news), state.server) };
}

// `delete` is a reserved word, so the function has another name inside this module.
export { remove as delete };

async function remove(id: string, props: ExamState): Promise<void> {
  const state = readState(props);
  const exam = checked(state);
  if (exam.deletionPolicy !== "close") {
    pulumi.log.warn(
      `exam "${id}" stays in Constructor Proctor: the API has no delete, so it was only removed from the stack ` +
        '(deletionPolicy "retain"; use "close" to end its window on destroy)',
    );
    return;
  }
  // Where the state says the exam lives, not where today's config points.
  const place = { url: state.server.url, integrationName: state.server.integrationName };
  if (upsertedInThisDeployment(place, exam.examId)) {
    pulumi.log.warn(
      `exam "${id}" in integration "${place.integrationName}" is now managed by another resource of this deployment ` +
        "(renamed, or replaced in place?): not closed",
    );
    return;
  }
  const body = closedBody(exam);
  const result = await upsertExam(connectionToPlace(exam.examId, place, exam.connection, config), exam.examId, body);
  reportAttempts(exam.examId, result);
  pulumi.log.info(`exam "${id}" closed: its window now ends at ${String(body.endDate)}`);
}

function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
