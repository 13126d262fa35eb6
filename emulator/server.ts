// A local stand-in for the Constructor Proctor exam API (proctor-api.md §6): a real HTTP
// server on loopback that checks tokens and bodies the way the reference says, plus test
// hooks under /__emulator/. It deliberately imports nothing from provider/, so it can
// catch the provider's mistakes instead of sharing them.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { answerExamRequest, integrationInPath, type ApiContext } from "./api";
import { isJsonObject } from "./exam";
import { Faults, parseFaultSpec, type ActiveFault, type FaultSpec, type InjectedFault } from "./faults";
import { hookHosts, refusedHookRequest } from "./hook-access";
import { answerHookRequest, isHookPath, type HookContext } from "./hooks";
import { errorAnswer, parseJson, readBody, sendJson, type Answer } from "./http";
import { RequestLog, type RequestLogEntry } from "./log";
import { ExamStore, viewExam, type ExamView } from "./store";
import { IDENTIFIER_MAX } from "./validate";

export type { ActiveFault, ExamView, FaultSpec, InjectedFault, RequestLogEntry };

export interface Integration {
  name: string;
  secret: string;
}

export interface EmulatorOptions {
  /** Integrations served at once, each with its own HS256 secret. */
  integrations: readonly Integration[];
  /** Seconds an expired token is still accepted. Default 0. */
  leewaySeconds?: number;
  /** Furthest a token's exp may lie in the future, in seconds. Default 600. */
  horizonSeconds?: number;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON file the exams persist to across restarts. In memory only when omitted. */
  persistPath?: string;
  /** Receives one access-log line per request. Silent when omitted. */
  log?: (line: string) => void;
  /** Bytes the request log may hold (accepted bodies and per-entry bookkeeping); the oldest entries go first. Default 64 MiB. */
  requestLogBytes?: number;
}

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Stops listening, drops open connections and waits for pending writes to the persist file. */
  close(): Promise<void>;
  exams(): ExamView[];
  exam(integration: string, examId: string): ExamView | undefined;
  requests(): RequestLogEntry[];
  /** Entries dropped from the request log to stay within `requestLogBytes` since the last reset. */
  requestsDropped(): number;
  /** Clears exams, the request log and faults (and the persist file's exams). */
  reset(): Promise<void>;
  /** Adds a fault for upcoming API requests; throws on an invalid spec. */
  injectFault(spec: FaultSpec): ActiveFault;
  faults(): ActiveFault[];
  clearFaults(): void;
}

// Exam bodies are a few kilobytes; anything this large is a client bug, not an exam.
const MAX_BODY_BYTES = 1024 * 1024;
// Some 40,000 upserts of typical exams: a whole term's catalogue created and updated.
const REQUEST_LOG_BYTES = 64 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const accessLog = options.log ?? (() => undefined);
  const store = await ExamStore.open(options.persistPath);
  const log = new RequestLog(options.requestLogBytes ?? REQUEST_LOG_BYTES);
  const faults = new Faults();
  const shutdown = new AbortController();
  const api: ApiContext = {
    secrets: new Map(options.integrations.map((i) => [i.name, i.secret])),
    auth: { leewaySeconds: options.leewaySeconds ?? 0, horizonSeconds: options.horizonSeconds ?? 600 },
    store,
  };
  const reset = async (): Promise<void> => {
    store.clear();
    log.clear();
    faults.clear();
    await store.saved();
  };
  const hooks: HookContext = { store, log, faults, reset };
  // The Host values the hooks answer; known once the server listens, before any request.
  let hookCallers: ReadonlySet<string> = new Set();

  const access = (method: string, path: string, status: number | null, started: number, fault?: InjectedFault): void => {
    const ms = Math.round(performance.now() - started);
    const note = fault ? ` fault=${JSON.stringify(fault)}` : "";
    accessLog(`${new Date().toISOString()} ${method} ${path} ${status ?? "dropped"} ${ms}ms${note}`);
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    const started = performance.now();
    const seq = log.nextSeq();
    const time = new Date().toISOString();
    // Decided on arrival, so `count` faults hit the first requests in arrival order.
    const fault = faults.next();
    const read = await readBody(req, MAX_BODY_BYTES);
    const body = read.text === null ? undefined : parseJson(read.text);
    const record = (status: number | null, fields: Partial<RequestLogEntry>): void => {
      log.add({
        seq,
        time,
        method,
        path,
        status,
        integration: integrationInPath(path) ?? null,
        examId: examIdOf(body),
        authorized: null,
        error: null,
        fault: fault ?? null,
        revision: null,
        durationMs: Math.round(performance.now() - started),
        ...fields,
        // Only a token holder's body is kept: anyone can reach the port.
        body: fields.authorized === true ? (body ?? null) : null,
        bodyBytes: read.bytes,
      });
      access(method, path, status, started, fault);
    };

    if (fault?.latencyMs !== undefined) await sleep(fault.latencyMs, undefined, { signal: shutdown.signal });
    if (fault?.drop) {
      record(null, {});
      req.socket.destroy();
      return;
    }
    let answer: Answer;
    let fields: Partial<RequestLogEntry> = {};
    if (fault?.status !== undefined) {
      const details = fault.retryAfter === undefined ? { status: fault.status } : { status: fault.status, retryAfter: fault.retryAfter };
      answer = errorAnswer(fault.status, "injected fault", details);
      if (fault.retryAfter !== undefined) answer.headers = { "Retry-After": String(fault.retryAfter) };
    } else if (read.tooLarge) {
      answer = { ...errorAnswer(413, "request body too large", { limitBytes: MAX_BODY_BYTES }), headers: { Connection: "close" } };
    } else {
      const outcome = await answerExamRequest(
        {
          method,
          path,
          authorization: req.headers.authorization,
          contentType: req.headers["content-type"],
          bodyText: read.text,
        },
        api,
      );
      answer = outcome.answer;
      fields = { integration: outcome.integration, authorized: outcome.authorized, revision: outcome.revision };
    }
    sendJson(res, answer);
    record(answer.status, { ...fields, error: errorOf(answer) });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    try {
      if (!isHookPath(path)) return await handleApi(req, res, method, path);
      const started = performance.now();
      const read = await readBody(req, MAX_BODY_BYTES);
      const answer =
        refusedHookRequest(method, req.headers, hookCallers) ??
        (read.tooLarge ? errorAnswer(413, "request body too large", { limitBytes: MAX_BODY_BYTES }) : await answerHookRequest(method, path, read.text, hooks));
      sendJson(res, answer);
      access(method, path, answer.status, started);
    } catch (error) {
      // During close() pending delays abort and sockets go away: nothing left to answer.
      if (shutdown.signal.aborted || res.headersSent) res.destroy();
      else sendJson(res, errorAnswer(500, "emulator error", { reason: (error as Error).message }));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hookCallers = hookHosts(host, port);
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        shutdown.abort();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store.idle();
      })();
      return closing;
    },
    exams: () => store.list().map(viewExam),
    exam: (integration, examId) => {
      const stored = store.get(integration, examId);
      return stored && viewExam(stored);
    },
    requests: () => log.list(),
    requestsDropped: () => log.dropped(),
    reset,
    injectFault(spec) {
      const parsed = parseFaultSpec(spec);
      if (!parsed.ok) throw new Error(`invalid fault: ${JSON.stringify(parsed.details)}`);
      return faults.add(parsed.spec);
    },
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
  };
}

/** The body's examId, unless it is longer than any examId can be (it would be a second copy of a large body). */
function examIdOf(body: unknown): string | null {
  if (!isJsonObject(body)) return null;
  const id = body.examId;
  if (typeof id === "number") return String(id);
  return typeof id === "string" && id.length <= IDENTIFIER_MAX ? id : null;
}

function errorOf(answer: Answer): string | null {
  if (answer.status < 400 || !isJsonObject(answer.body)) return null;
  return typeof answer.body.error === "string" ? answer.body.error : null;
}

function checkOptions(options: EmulatorOptions): void {
  if (options.integrations.length === 0) throw new Error("at least one integration is required");
  const names = new Set<string>();
  for (const { name, secret } of options.integrations) {
    if (name === "" || name.includes("/")) throw new Error(`invalid integration name ${JSON.stringify(name)}`);
    if (names.has(name)) throw new Error(`integration ${JSON.stringify(name)} is listed twice`);
    if (secret === "") throw new Error(`integration ${JSON.stringify(name)} has an empty secret`);
    names.add(name);
  }
  for (const [label, value] of [
    ["leewaySeconds", options.leewaySeconds],
    ["horizonSeconds", options.horizonSeconds],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new Error(`${label} must be a non-negative number`);
    }
  }
  const logBytes = options.requestLogBytes;
  if (logBytes !== undefined && !(Number.isSafeInteger(logBytes) && logBytes > 0)) throw new Error("requestLogBytes must be a positive integer");
}
