// Helpers for the emulator's own tests: real HS256 tokens signed with jose, real HTTP
// requests with fetch, and emulators that are always closed after the test.

import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { SignJWT } from "jose";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator/server";

export type Json = Record<string, unknown>;

export const INTEGRATION = "lms";
export const SECRET = "emulator-test-secret-0123456789";

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A temporary directory, removed with its contents when the test ends. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "proctor-emulator-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts an emulator on a free loopback port and closes it when the test ends. */
export async function startForTest(t: TestContext, options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const emulator = await startEmulator({ integrations: [{ name: INTEGRATION, secret: SECRET }], ...options });
  t.after(() => emulator.close());
  return emulator;
}

export async function sign(
  claims: Json = { exp: nowSeconds() + 30 },
  options: { secret?: string; alg?: string; omitTyp?: boolean } = {},
): Promise<string> {
  const alg = options.alg ?? "HS256";
  return new SignJWT(claims)
    .setProtectedHeader(options.omitTyp ? { alg } : { alg, typ: "JWT" })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

/** An `alg: none` token: jose refuses to produce one, so it is assembled by hand. */
export function unsignedToken(claims: Json): string {
  const part = (value: Json): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

export function examsUrl(emulator: Emulator, integration = INTEGRATION): string {
  return `${emulator.url}/api/v2/integration/simple/${integration}/exams/`;
}

export interface Reply {
  status: number;
  headers: Headers;
  json: Json;
}

export interface PostOptions {
  integration?: string;
  /** The whole Authorization header; null sends none. Default: a fresh valid token. */
  authorization?: string | null;
  contentType?: string;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  method?: string;
  url?: string;
}

export async function postExam(emulator: Emulator, body: unknown, options: PostOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {
    "Content-Type": options.contentType ?? "application/json",
    Accept: "application/json",
  };
  const authorization = options.authorization === undefined ? `JWT ${await sign()}` : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  const method = options.method ?? "POST";
  const response = await fetch(options.url ?? examsUrl(emulator, options.integration), {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: options.rawBody ?? JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === "" ? {} : (JSON.parse(text) as Json) };
}

export async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; json: Json }> {
  const response = await fetch(url, init);
  return { status: response.status, json: (await response.json()) as Json };
}

/** A small valid exam; spread overrides over it. */
export function validExam(overrides: Json = {}): Json {
  return {
    accountId: "acc-1",
    accountName: "Test account",
    examId: "exam-1",
    examName: "Test exam",
    duration: 60,
    schedule: false,
    proctoring: "auto",
    startDate: "2030-01-01T09:00:00Z",
    endDate: "2030-01-31T18:00:00Z",
    ...overrides,
  };
}

// dist/test/harness/emulator-testkit.js → test/fixtures in the source tree (tsc does not copy JSON).
export function documentedExample(): Json {
  const file = join(__dirname, "..", "..", "..", "test", "fixtures", "documented-example.json");
  return JSON.parse(readFileSync(file, "utf8")) as Json;
}
