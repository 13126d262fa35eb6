import { Agent, request } from "undici";
import { ApiError } from "../errors";
import { isRecord } from "../record";
import type { Connection } from "./connection";
import { Limiter } from "./limiter";
import { redactText } from "./redact";
import { isRetryableError, isRetryableStatus, retryDelayMs } from "./retry";
import { signToken } from "./token";

/** What the upsert endpoint answered, and how many attempts it took. */
export interface UpsertResult {
  status: number;
  /** 201: the exam is new. 200: an exam with this examId already existed and was updated. */
  created: boolean;
  /** The server's view of the exam, as it answered it: not redacted, see `redactValue`. */
  body: Record<string, unknown>;
  attempts: number;
}

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One keep-alive pool and one concurrency bound per integration, shared by every exam in the process.
const agents = new Map<string, Agent>();
const limiters = new Map<string, Limiter>();

function poolKey(connection: Connection): string {
  return `${connection.url}|${connection.integrationName}`;
}

function agentFor(connection: Connection): Agent {
  const key = poolKey(connection);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 10_000,
      connections: connection.tuning.concurrency,
      connect: { timeout: connection.tuning.connectTimeoutSeconds * 1000 },
    });
    agents.set(key, agent);
  }
  return agent;
}

function limiterFor(connection: Connection): Limiter {
  const key = poolKey(connection);
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new Limiter(connection.tuning.concurrency);
    limiters.set(key, limiter);
  }
  return limiter;
}

export function examsEndpoint(connection: Connection): string {
  return `${connection.url}/api/v2/integration/simple/${encodeURIComponent(connection.integrationName)}/exams/`;
}

/** What one attempt brought back, read within the attempt's deadline and up to maxResponseBytes. */
interface Answer {
  status: number;
  contentType: string | undefined;
  retryAfter: string | undefined;
  text: string;
  /** The body went on past maxResponseBytes; `text` is its beginning. */
  cut: boolean;
}

/**
 * Creates or updates one exam with a signed upsert. Retries what is worth
 * retrying (429/502/503/504, lost connections, attempts that ran out of
 * requestTimeoutSeconds; once after a 401 with a fresh token), each attempt
 * with a newly signed token; fails at once on other answers.
 */
export async function upsertExam(
  connection: Connection,
  examId: string,
  body: Record<string, unknown>,
  sleep: Sleep = realSleep,
): Promise<UpsertResult> {
  const endpoint = examsEndpoint(connection);
  const payload = JSON.stringify(body);
  const { tuning } = connection;
  const policy = { maxAttempts: tuning.maxAttempts, baseDelayMs: tuning.retryBaseDelayMs, maxDelayMs: tuning.retryMaxDelayMs };
  const excerpt = (text: string, limit: number) => shorten(redactText(text, [connection.jwtSecret]), limit);

  return limiterFor(connection).run(async () => {
    let retriedUnauthorized = false;
    for (let attempt = 1; ; attempt++) {
      const token = await signToken(connection.jwtSecret, tuning.tokenLifetimeSeconds);
      const deadline = AbortSignal.timeout(tuning.requestTimeoutSeconds * 1000);
      let answer: Answer;
      try {
        answer = await attemptUpsert(connection, endpoint, token, payload, deadline);
      } catch (error) {
        const timedOut = deadline.aborted;
        if ((timedOut || isRetryableError(error)) && attempt < policy.maxAttempts) {
          await sleep(retryDelayMs(policy, attempt, undefined));
          continue;
        }
        const what = timedOut
          ? `Proctor at ${endpoint} did not answer within ${tuning.requestTimeoutSeconds} s (proctor:requestTimeoutSeconds; attempt ${attempt}). ` +
            "Running pulumi up again is safe: the upsert is idempotent; raise proctor:requestTimeoutSeconds if Proctor is only slow."
          : `no answer from Proctor at ${endpoint} after ${attempt} attempt(s): ${describeNetworkError(error)}. ` +
            "Check proctor:url and the network; running pulumi up again is safe.";
        throw new ApiError(timedOut ? "PROCTOR_TIMEOUT" : "PROCTOR_UNREACHABLE", `exam "${examId}": ${what}`);
      }

      const { status } = answer;
      if (status >= 200 && status < 300) {
        const exam = answer.cut ? undefined : parseExam(answer.text);
        if (exam) return { status, created: status === 201, body: exam, attempts: attempt };
        const what = answer.cut
          ? `with more than ${tuning.maxResponseBytes} bytes (proctor:maxResponseBytes) to POST ${endpoint}, starting`
          : `to POST ${endpoint} with content-type ${answer.contentType ?? "(none)"}, not a JSON object`;
        throw new ApiError(
          "PROCTOR_MALFORMED_ANSWER",
          `exam "${examId}": Proctor answered ${status} ${what}: ${excerpt(answer.text, SUCCESS_EXCERPT_CHARS)}. ` +
            "The exam may or may not have been stored; running pulumi up again is safe: the upsert is idempotent. " +
            "Check that proctor:url is the Proctor API itself, not a proxy or sign-in page.",
          status,
        );
      }
      if (status === 401 && !retriedUnauthorized) {
        // A token can expire in flight when clocks disagree; one fresh token settles it.
        retriedUnauthorized = true;
        continue;
      }
      if (isRetryableStatus(status) && attempt < policy.maxAttempts) {
        await sleep(retryDelayMs(policy, attempt, answer.retryAfter));
        continue;
      }
      const cut = answer.cut ? ` (cut at proctor:maxResponseBytes = ${tuning.maxResponseBytes} bytes)` : "";
      throw new ApiError(
        refusal(status),
        `exam "${examId}": Proctor answered ${status} to POST ${endpoint} (attempt ${attempt}): ${excerpt(answer.text, ERROR_EXCERPT_CHARS)}${cut}. ${hint(status)}`,
        status,
      );
    }
  });
}

/**
 * One POST, bounded as a whole by `deadline`, which undici answers by destroying
 * the request or its body (its own timers measure the gaps between chunks, so a
 * server that trickles could hold an attempt forever), and in size by
 * maxResponseBytes: past it the stream is destroyed rather than buffered.
 */
async function attemptUpsert(connection: Connection, endpoint: string, token: string, payload: string, deadline: AbortSignal): Promise<Answer> {
  const response = await request(endpoint, {
    method: "POST",
    dispatcher: agentFor(connection),
    headers: {
      authorization: `JWT ${token}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: payload,
    signal: deadline,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const limit = connection.tuning.maxResponseBytes;
  const answer = { status: response.statusCode, contentType: firstHeader(response.headers["content-type"]), retryAfter: firstHeader(response.headers["retry-after"]) };
  // A declared length within the limit is all undici will deliver: read it whole, the common and cheaper path.
  const declared = Number(firstHeader(response.headers["content-length"]) ?? Number.NaN);
  if (Number.isInteger(declared) && declared <= limit) return { ...answer, text: await response.body.text(), cut: false };
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      cut = true;
      response.body.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { ...answer, text: Buffer.concat(chunks).toString("utf8"), cut };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// A refusal's body is the server's explanation; a malformed success only needs to show who answered.
const ERROR_EXCERPT_CHARS = 1000;
const SUCCESS_EXCERPT_CHARS = 200;

/** The exam in a 2xx answer, which must be one JSON object. */
function parseExam(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whitespace collapsed, and at most `limit` characters, saying how long the whole was. */
function shorten(text: string, limit: number): string {
  const trimmed = text.replace(/\s+/g, " ").trim() || "(empty body)";
  return trimmed.length > limit ? `${trimmed.slice(0, limit)}… (${trimmed.length} characters)` : trimmed;
}

/** The kind of a final non-2xx answer, for a caller deciding between "try again later" and "fix something". */
function refusal(status: number): ApiError["code"] {
  if (status === 401 || status === 403) return "PROCTOR_UNAUTHORIZED";
  if (status === 404) return "PROCTOR_NOT_FOUND";
  if (status === 429 || status >= 500) return "PROCTOR_UNAVAILABLE";
  if (status >= 400) return "PROCTOR_REJECTED";
  // Proctor's API answers 2xx or an error; a redirect or informational status comes from something in front of it.
  return "PROCTOR_MALFORMED_ANSWER";
}

function hint(status: number): string {
  switch (status) {
    case 400:
      return "The server rejected the exam's fields; fix them in the program.";
    case 401:
    case 403:
      return "Check proctor:jwtSecret for this integration, and the machine's clock (a token lives proctor:tokenLifetimeSeconds).";
    case 404:
      return "Check proctor:integrationName and proctor:url.";
    case 429:
    case 502:
    case 503:
    case 504:
      return "Proctor is busy or unavailable; running pulumi up again later is safe (raise proctor:maxAttempts to wait longer).";
    default:
      return status < 400
        ? "Proctor's API does not redirect: check that proctor:url is the Proctor API itself, not a proxy or sign-in page."
        : "Running pulumi up again is safe: the upsert is idempotent.";
  }
}

function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${e.message} (${code})` : e.message);
  }
  return parts.join(": ") || String(error);
}
