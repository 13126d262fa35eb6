// The record of API requests the inspection hook returns, so tests can assert on what a
// client actually sent. It never holds the Authorization header, and it is bounded in
// bytes: the emulator may run for days (a CI service, `--persist`), and anyone who can
// reach its port can send requests.

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
  /** The body's examId (as a string), when the body has one of at most 255 characters. */
  examId: string | null;
  /** Whether the token was accepted; null when auth was never checked (routing error or fault). */
  authorized: boolean | null;
  /**
   * The parsed JSON body of a request whose token was accepted; null when it was empty or
   * not JSON, and for every other request (refused token, routing error, fault), so that
   * requests without a valid token cannot fill the emulator's memory.
   */
  body: unknown;
  /** Size of the body received, in bytes, kept or not. */
  bodyBytes: number;
  /** The `error` of a non-2xx answer. */
  error: string | null;
  /** The injected fault that shaped this answer, if any. */
  fault: InjectedFault | null;
  /** The store revision written, for accepted upserts. */
  revision: number | null;
  durationMs: number;
}

// What an entry costs besides its kept body: its other fields and the objects around them.
// Counted so that a flood of empty requests is bounded too.
const ENTRY_OVERHEAD_BYTES = 512;

export class RequestLog {
  private entries: { entry: RequestLogEntry; size: number }[] = [];
  private bytes = 0;
  private droppedCount = 0;
  private seq = 0;

  /** Past `maxBytes`, the oldest entries go first. */
  constructor(private readonly maxBytes: number) {}

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: RequestLogEntry): void {
    const size = ENTRY_OVERHEAD_BYTES + entry.path.length + (entry.examId?.length ?? 0) + (entry.body === null ? 0 : entry.bodyBytes);
    this.entries.push({ entry, size });
    this.bytes += size;
    // The newest entry stays even when it alone is over the budget.
    while (this.bytes > this.maxBytes && this.entries.length > 1) {
      this.bytes -= this.entries.shift()!.size;
      this.droppedCount++;
    }
  }

  list(): RequestLogEntry[] {
    return structuredClone(this.entries.map(({ entry }) => entry));
  }

  /** How many entries were dropped to stay within the byte budget since the last clear. */
  dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.entries = [];
    this.bytes = 0;
    this.droppedCount = 0;
    this.seq = 0;
  }
}
