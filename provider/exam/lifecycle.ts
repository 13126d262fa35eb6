import * as pulumi from "@pulumi/pulumi";
import { engineMessage, ProctorError } from "../errors";
import { requestBody } from "./body";
import type * as Client from "../proctor/client";
import type { UpsertResult } from "../proctor/client";
import { decodeConfig, type ProviderConfig } from "../proctor/config";
import { connectionOf, type Connection } from "../proctor/connection";
import { rememberDeclared, rememberUpsert, upsertedInThisDeployment } from "./managed";
import { changedFields, closedWindow, deleteBeforeReplace, edit, removal, replaceReasons, type Place } from "./plan";
import { exitWhenOrphaned } from "./orphan-watch";
import { connectionToPlace } from "../proctor/placement";
import { redactValue } from "../proctor/redact";
import { stringsIn } from "../record";
import { UNKNOWN, validateExam, type ExamSpec } from "./schema";
import { SCHEMA_VERSION, answerDifference, declaredFields, readState, type ExamState, type ServerView } from "./state";
import { secretInputNames } from "./secret-reasons";

/**
 * The Exam dynamic provider: this module's exports are the provider's methods.
 * Data flows one way: arguments → schema (check) → engine diff → body → client →
 * API → outputs. State stores only `require("pulumi-proctor/dist/provider/provider.js")`
 * (see ../provider.ts), so every method here is the installed code, even for resources
 * created by an older version. There is no `read`: Proctor has no read API, and
 * without one the engine keeps the last state written, which is all there is to know.
 */

/** What check() returns and the engine hands to diff, create and update: the validated, normalized exam and the names of arguments passed as secrets. */
export type CheckedInputs = ExamSpec & { __secretInputs: string[] };

/** An Exam's outputs as whichever release wrote them: read only through readState, which migrates older shapes. */
export type StoredOutputs = Record<string, unknown>;

// The stack config the engine hands to configure(), decoded there once; or why it
// could not be, which every later method reports too (the host configures a
// provider once, and would go on calling its methods).
let config: ProviderConfig | ProctorError | undefined;
// Each connection is resolved once per configure(), not once per exam and method.
let connections = new Map<string, Connection>();

/** The decoded stack config; before any configure() (a method called directly), the environment alone. */
function providerConfig(): ProviderConfig {
  if (config instanceof ProctorError) throw config;
  config ??= decodeConfig(() => undefined);
  return config;
}

function connectionNamed(name: string | undefined): Connection {
  const key = name ?? "default";
  let connection = connections.get(key);
  if (!connection) connections.set(key, (connection = connectionOf(name, providerConfig())));
  return connection;
}

export function connectionFor(exam: { connection?: string }): Connection {
  return connectionNamed(exam.connection);
}

/**
 * The HTTP client (undici, jose), loaded on the first upsert: a preview or an
 * up with nothing to send never pays for it.
 */
export function upsertExam(...args: Parameters<typeof Client.upsertExam>): ReturnType<typeof Client.upsertExam> {
  const client = require("../proctor/client") as typeof Client;
  return client.upsertExam(...args);
}

/**
 * The exam in inputs that check() returned: the engine hands those to diff,
 * create and update, so they are validated and normalized already and are not
 * decoded again.
 */
export function checked(inputs: CheckedInputs | ExamState): ExamSpec {
  return declaredFields(inputs) as ExamSpec;
}

/**
 * The outputs of an upserted exam. Of Proctor's answer only what differs from
 * the body is kept, never under a key the program marked secret, and with every
 * secret value (the JWT secret, secret inputs) redacted: outputs under other
 * keys than the inputs' are stored in clear.
 */
export function outputs(
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

export function reportAttempts(examId: string, result: UpsertResult): void {
  if (result.attempts > 1) {
    pulumi.log.info(`exam "${examId}": stored after ${result.attempts} attempts (${result.attempts - 1} retries)`);
  }
}

/** The upsert body of an exam whose window ends now: no new session can start. */
function closedBody(exam: ExamSpec): Record<string, unknown> {
  return { ...requestBody(exam).body, ...closedWindow(exam, new Date()) };
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  exitWhenOrphaned();
  connections = new Map();
  // Decoded once, here: a bad value (a tuning key, a connection's shape) is reported before any exam is looked at.
  try {
    // The engine's values as they are: strings, and objects for keys set with --path.
    config = decodeConfig((key) => req.config.get(key));
  } catch (error) {
    if (error instanceof ProctorError) config = error;
    throw error;
  }
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<CheckedInputs>> {
  const result = validateExam(news);
  // Without inputs the host keeps the program's own, which the engine shows beside the failures.
  if (!result.ok) return { failures: result.failures };
  const failures: pulumi.dynamic.CheckFailure[] = [];
  try {
    if (!isUnknown(result.exam.connection) && !isUnknown(result.exam.examId)) rememberDeclared(connectionFor(result.exam), String(result.exam.examId));
  } catch (error) {
    failures.push({ property: "connection", reason: engineMessage(error) });
  }
  for (const warning of result.warnings) pulumi.log.warn(`exam "${String(result.exam.examId)}": ${warning}`);
  // A program without secret arguments leaves the list out (one property fewer per exam); state keeps [] as it always has.
  return { inputs: { ...result.exam, __secretInputs: secretInputNames(news) }, failures };
}

export async function diff(_id: string, olds: StoredOutputs, news: CheckedInputs): Promise<pulumi.dynamic.DiffResult> {
  const state = readState(olds);
  const place = isUnknown(news.connection) ? UNKNOWN : connectionFor(news);
  const replaces = replaceReasons(
    { examId: state.examId, accountId: state.accountId, place: state.server },
    { examId: news.examId, accountId: news.accountId, place },
  );
  if (!replaces.includes("connection")) warnUnresettable(state, checked(news));
  // Per-property changes are left to the engine, so previews list them and ignoreChanges works.
  if (replaces.length === 0) return {};
  return deleteBeforeReplace(replaces) ? { changes: true, replaces, deleteBeforeReplace: true } : { replaces };
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

export async function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult<ExamState>> {
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
  return { id: exam.examId, outs: outputs(exam, connection, { body, result }, secretInputNames(inputs)) };
}

export async function update(_id: string, olds: StoredOutputs, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult<ExamState>> {
  const state = readState(olds);
  const previous = checked(state);
  const exam = checked(news);
  const connection = connectionFor(exam);
  rememberUpsert(connection, exam.examId);
  if (edit(changedFields(previous, exam)) === "nothing") {
    // Only resource options (or the provider's own code) changed: Proctor holds this exam already.
    return { outs: outputs(exam, connection, undefined, [], state.server) };
  }
  const { body } = requestBody(exam, previous);
  const result = await upsertExam(connection, exam.examId, body);
  reportAttempts(exam.examId, result);
  return { outs: outputs(exam, connection, { body, result }, secretInputNames(news), state.server) };
}

// `delete` is a reserved word, so the function has another name inside this module.
export { remove as delete };

async function remove(id: string, props: StoredOutputs): Promise<void> {
  const state = readState(props);
  const exam = checked(state);
  // Where the state says the exam lives, not where today's config points.
  const place = { url: state.server.url, integrationName: state.server.integrationName };
  const { fate } = removal(exam.deletionPolicy, upsertedInThisDeployment(place, exam.examId));
  if (fate === "kept") {
    pulumi.log.warn(
      `exam "${id}" in integration "${place.integrationName}" is now managed by another resource of this deployment ` +
        "(renamed, or replaced in place?): not closed",
    );
    return;
  }
  if (fate === "retain") {
    pulumi.log.warn(
      `exam "${id}" stays in Constructor Proctor: the API has no delete, so it was only removed from the stack ` +
        '(deletionPolicy "retain"; use "close" to end its window on destroy)',
    );
    return;
  }
  const endDate = await closeExam(exam, place);
  pulumi.log.info(`exam "${id}" closed: its window now ends at ${endDate}`);
}

/** Ends an exam's window where it lives (the state's place, not where today's config points); returns the new endDate. */
export async function closeExam(exam: ExamSpec, place: Place): Promise<string> {
  const body = closedBody(exam);
  const result = await upsertExam(connectionToPlace(exam.examId, place, exam.connection, providerConfig(), connectionNamed), exam.examId, body);
  reportAttempts(exam.examId, result);
  return String(body.endDate);
}

function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
