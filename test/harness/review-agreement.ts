import assert from "node:assert/strict";
import type { RequestLogEntry } from "../../emulator/log";
import { REQUESTS } from "../../provider/exam/plan";
import { reviewOf } from "../../provider/review/changes";
import { parsePreview } from "../../provider/review/preview";
import { closesIn } from "./closes";

/** What a review announces: upserts per examId (closes included), and which exams it closes. */
export function announced(previewJson: string): { upserts: Map<string, number>; closes: string[] } {
  const upserts = new Map<string, number>();
  const closes: string[] = [];
  const count = (examId: string, fate: keyof typeof REQUESTS) => {
    if (REQUESTS[fate] > 0) upserts.set(examId, (upserts.get(examId) ?? 0) + REQUESTS[fate]);
    if (fate === "close") closes.push(examId);
  };
  for (const exam of reviewOf(parsePreview(previewJson, "preview.json")).exams) {
    count(exam.examId, exam.fate);
    if (exam.oldExam) count(exam.oldExam.examId, exam.oldExam.fate);
  }
  return { upserts, closes: closes.sort() };
}

/** Fails unless the requests `pulumi up` sent are exactly what the review of its preview announced, exam by exam. */
export function assertUpDidWhatReviewSaid(previewJson: string, requests: readonly RequestLogEntry[]): void {
  const { upserts, closes } = announced(previewJson);
  const received = new Map<string, number>();
  for (const r of requests) received.set(r.examId!, (received.get(r.examId!) ?? 0) + 1);
  assert.deepEqual([...received].sort(), [...upserts].sort(), "the review's upserts per exam differ from what pulumi up sent");
  assert.deepEqual(closesIn(requests), closes, "a close the review did not announce, or one it announced and up did not send");
}
