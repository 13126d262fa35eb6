// The demo's closing table: what the emulator holds and what this run did to each exam.
import type { ExamView, RequestLogEntry } from "../../emulator/server";

export type RunStatus = "created" | "updated" | "unchanged";

export interface DemoRow {
  examId: string;
  name: string;
  status: RunStatus;
}

/**
 * One row per stored exam. The emulator was started for this run, so its request
 * log is exactly this run's: a 201 created the exam, a 200 updated it, and an exam
 * without an accepted upsert was left as it was.
 */
export function demoRows(exams: readonly ExamView[], requests: readonly RequestLogEntry[]): DemoRow[] {
  const status = new Map<string, RunStatus>();
  for (const request of requests) {
    if (request.examId === null || request.status === null) continue;
    if (request.status === 201) status.set(request.examId, "created");
    else if (request.status === 200 && status.get(request.examId) !== "created") status.set(request.examId, "updated");
  }
  return exams
    .map((exam) => ({ examId: exam.examId, name: String(exam.exam.examName ?? ""), status: status.get(exam.examId) ?? "unchanged" }))
    .sort((a, b) => a.examId.localeCompare(b.examId));
}

/** A plain-text table: columns padded to their widest cell. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}`;
  return [line(header), ...rows.map(line)].join("\n");
}

export function summarize(rows: readonly DemoRow[]): string {
  const count = (status: RunStatus) => rows.filter((r) => r.status === status).length;
  const summary = `${rows.length} exams: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged.`;
  return count("created") + count("updated") === 0 ? `${summary} No changes: Proctor received no upserts.` : summary;
}
