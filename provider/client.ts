import { Agent, request } from "undici";
import type { Connection } from "./connection";
import { Limiter } from "./limiter";
import { isRetryableError, isRetryableStatus, retryDelayMs } from "./retry";
import { signToken } from "./token";

/** What the upsert endpoint answered, and how many attempts it took. */
export interface UpsertResult {
  status: number;
  /** 201: the exam is new. 200: an exam with this examId already existed and was updated. */
  created: boolean;
  /** The server's view of the exam (parsed JSON, or the raw text if it was not JSON). */
  body: unknown;
  attempts: number;
}

/** An upsert the server refused or that never got an answer; the message is the whole story for the user. */
export class ProctorApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProctorApiError";
    // Users need the server's answer, not a stack trace of this package.
    this.stack = `${this.name}: ${message}`;
  }
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

/**
 * Creates or updates one exam with a signed upsert. Retries what is worth
 * retrying (429/502/503/504, lost connections; once after a 401 with a fresh
 * token), each attempt with a newly signed token; fails at once on other answers.
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

  return limiterFor(connection).run(async () => {
    let retriedUnauthorized = false;
    for (let attempt = 1; ; attempt++) {
      const token = await signToken(connection.jwtSecret, tuning.tokenLifetimeSeconds);
      let status: number;
      let text: string;
      let retryAfter: string | undefined;
      try {
        const response = await request(endpoint, {
          method: "POST",
          dispatcher: agentFor(connection),
          headers: {
            authorization: `JWT ${token}`,
            "content-type": "application/json",
            accept: "application/json",
          },
          body: payload,
          headersTimeout: tuning.requestTimeoutSeconds * 1000,
          bodyTimeout: tuning.requestTimeoutSeconds * 1000,
        });
        status = response.statusCode;
        text = await response.body.text();
        const header = response.headers["retry-after"];
        retryAfter = Array.isArray(header) ? header[0] : header;
      } catch (error) {
        if (isRetryableError(error) && attempt < policy.maxAttempts) {
          await sleep(retryDelayMs(policy, attempt, undefined));
          continue;
        }
        throw new ProctorApiError(
          `exam "${examId}": no answer from Proctor at ${endpoint} after ${attempt} attempt(s): ${describeNetworkError(error)}. ` +
            "Check proctor:url and the network; running pulumi up again is safe.",
        );
      }

      if (status >= 200 && status < 300) {
        return { status, created: status === 201, body: parseBody(text), attempts: attempt };
      }
      if (status === 401 && !retriedUnauthorized) {
        // A token can expire in flight when clocks disagree; one fresh token settles it.
        retriedUnauthorized = true;
        continue;
      }
      if (isRetryableStatus(status) && attempt < policy.maxAttempts) {
        await sleep(retryDelayMs(policy, attempt, retryAfter));
        continue;
      }
      throw new ProctorApiError(
        `exam "${examId}": Proctor answered ${status} to POST ${endpoint} (attempt ${attempt}): ${snippet(text, connection.jwtSecret)}. ${hint(status)}`,
        status,
      );
    }
  });
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The server's answer as the user should see it: short, and never the secret even if echoed back. */
function snippet(text: string, secret: string): string {
  const redacted = secret ? text.split(secret).join("[redacted]") : text;
  const trimmed = redacted.trim() || "(empty body)";
  return trimmed.length > 1000 ? `${trimmed.slice(0, 1000)}… (${trimmed.length} characters)` : trimmed;
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
      return "Running pulumi up again is safe: the upsert is idempotent.";
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
