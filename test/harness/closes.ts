import type { RequestLogEntry } from "../../emulator/log";

// How a test tells a close from an ordinary upsert. A close ends the window the
// second it is sent (exam/plan.ts's closedWindow); a declared endDate that has
// passed is no close: it lies before the test began, not at the moment of the request.
// (The unit tier runs once more with the clock 400 days on, so "has passed" is not a test.)

/** Whether an upsert the emulator received was a close: its endDate is the second it arrived. */
export function isClose(request: RequestLogEntry): boolean {
  const endDate = Date.parse(String((request.body as { endDate?: string }).endDate));
  const arrived = Date.parse(request.time);
  return endDate <= arrived && arrived - endDate < 60_000;
}

/** The examIds of the closes among `requests`, sorted. */
export function closesIn(requests: readonly RequestLogEntry[]): string[] {
  return requests.filter(isClose).map((r) => r.examId!).sort();
}

/** Whether a stored exam's window was ended by a close during this test (the last ten minutes), not declared to end in the past. */
export function endedByClose(endDate: unknown, now = Date.now()): boolean {
  const ended = Date.parse(String(endDate));
  return ended <= now && now - ended < 10 * 60_000;
}
