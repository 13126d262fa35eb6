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

export type BodyRead = { text: string; tooLarge: false } | { text: null; tooLarge: true };

/** Reads the whole body; past `limit` bytes it keeps draining but stops buffering. */
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) return { text: null, tooLarge: true };
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: false };
}

/** The parsed JSON, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function errorAnswer(status: number, error: string, details: Record<string, unknown> = {}): Answer {
  return { status, body: { error, details } };
}
