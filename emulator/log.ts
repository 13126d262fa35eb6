// The record of API requests the inspection hook returns, so tests can assert on what a
// client actually sent. It holds parsed bodies but never the Authorization header.

import type { InjectedFault } from "./faults";

export interface RequestLogEntry {
  /** Arrival order, from 1; entries are listed in completion order. */
  seq: number;
  /** Arrival time, ISO 8601. */
  time: string;
  method: string;
  path: string;
  /** The status answered, or null when the connection was dropped without an answer. */
  status: number | null;
  /** The integration named in the path, when the path is the exam endpoint. */
  integration: string | null;
  /** The body's examId (as a string), when the body has one. */
  examId: string | null;
  /** Whether the token was accepted; null when auth was never checked (routing error or fault). */
  authorized: boolean | null;
  /** The parsed JSON body, or null when it was empty or not JSON. */
  body: unknown;
  /** The `error` of a non-2xx answer. */
  error: string | null;
  /** The injected fault that shaped this answer, if any. */
  fault: InjectedFault | null;
  /** The store revision written, for accepted upserts. */
  revision: number | null;
  durationMs: number;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  /** Oldest entries go first past the cap, so a long-running emulator keeps bounded memory. */
  constructor(private readonly maxEntries: number) {}

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
  }

  list(): RequestLogEntry[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
  }
}
