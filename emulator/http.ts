// Small HTTP helpers shared by the API route and the test hooks.

import type { IncomingMessage, ServerResponse } from "node:http";

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function sendJson(res: ServerResponse, answer: Answer): void {
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "Content-Type": "application/json",
    // An explicit length keeps the connection reusable without chunked framing.
    "Content-Length": Buffer.byteLength(payload),
    ...answer.headers,
  });
  res.end(payload);
}

export type BodyRead = { text: string; tooLarge: false; bytes: number } | { text: null; tooLarge: true; bytes: number };

/** Reads the whole body; past `limit` bytes it keeps draining but stops buffering. */
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= limit) chunks.push(chunk);
  }
  if (bytes > limit) return { text: null, tooLarge: true, bytes };
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: false, bytes };
}

/** The parsed JSON, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The 415 answer to a body that is not declared `application/json` (a charset parameter is fine); undefined when it is. */
export function unlessJson(contentType: string | undefined): Answer | undefined {
  if (contentType?.split(";")[0]?.trim().toLowerCase() === "application/json") return undefined;
  return errorAnswer(415, "unsupported media type", { contentType: contentType ?? null, expected: "application/json" });
}

export function errorAnswer(status: number, error: string, details: Record<string, unknown> = {}): Answer {
  return { status, body: { error, details } };
}
