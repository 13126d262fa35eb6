import { utcMinute } from "../exam/dates";
import type { ChangeKind, ExamChange, ExamWindow } from "./changes";
import { escapeHtml } from "./html-text";
import { grouped } from "./summary";
import { status } from "./words";

/**
 * Every exam window of the preview as an SVG timeline, one row and exactly one
 * bar (`data-exam-id`) per exam, grouped by account and course. A window that
 * moves also shows where it was, as a dashed outline.
 */

const WIDTH = 1200;
const LABEL = 320;
// Room for half of the last date label, centred on its line.
const RIGHT = 56;
const ROW = 24;
const AXIS = 40;
const TICKS = 8;

export const COLOURS: Record<ChangeKind, string> = {
  created: "#2da44e",
  updated: "#0969da",
  replaced: "#bf8700",
  closed: "#cf222e",
  retained: "#6e7781",
  moved: "#8250df",
  unchanged: "#d0d7de",
};

/** The window the exam will have after the merge, or, for one leaving the stack, the one it had. */
function shownWindow(exam: ExamChange): ExamWindow | undefined {
  return exam.kind === "closed" || exam.kind === "retained" || exam.kind === "moved" ? exam.before : exam.after;
}

function known(window: ExamWindow | undefined): window is { start: number; end: number } {
  return window?.start !== undefined && window.end !== undefined && window.end >= window.start;
}

function day(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

function minute(instant: number): string {
  return `${utcMinute(instant)} UTC`;
}

function label(exam: ExamChange): string {
  const name = exam.examName === exam.examId ? "" : ` — ${exam.examName}`;
  // A rename lists the exam twice: once under its old resource, which leaves the stack.
  const text = exam.kind === "moved" ? `${exam.examId} (old resource "${exam.resource}")` : `${exam.examId}${name}`;
  const characters = [...text];
  return characters.length > 44 ? `${characters.slice(0, 43).join("")}…` : text;
}

export function timeline(exams: readonly ExamChange[]): string {
  const windows = exams.flatMap((e) => [e.before, e.after]).filter(known);
  const from = Math.min(...windows.map((w) => w.start));
  const to = Math.max(...windows.map((w) => w.end));
  const span = Math.max(to - from, 3_600_000);
  const x = (instant: number) => LABEL + ((instant - from) / span) * (WIDTH - LABEL - RIGHT);

  const rows: string[] = [];
  let y = AXIS;
  for (const { account, courses } of grouped(exams)) {
    rows.push(`<text class="account" x="8" y="${y + 17}">${escapeHtml(account)}</text>`);
    y += ROW;
    for (const { course, exams: list } of courses) {
      rows.push(`<text class="course" x="20" y="${y + 17}">${escapeHtml(course)}</text>`);
      y += ROW;
      for (const exam of list) {
        rows.push(row(exam, y, x, windows.length > 0));
        y += ROW;
      }
    }
  }
  const height = y + 8;
  const axis =
    windows.length === 0
      ? `<text class="tick" x="${LABEL}" y="20">no exam has a known window</text>`
      : Array.from({ length: TICKS + 1 }, (_, i) => {
          const at = from + (span * i) / TICKS;
          const px = x(at).toFixed(1);
          return `<line class="grid" x1="${px}" x2="${px}" y1="${AXIS - 8}" y2="${height}"/><text class="tick" x="${px}" y="${AXIS - 14}" text-anchor="middle">${day(at)}</text>`;
        }).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Exam windows">` +
    axis +
    rows.join("") +
    "</svg>"
  );
}

function row(exam: ExamChange, y: number, x: (instant: number) => number, scaled: boolean): string {
  const changed = exam.kind !== "unchanged";
  const window = shownWindow(exam);
  const attributes = `class="bar ${exam.kind}${changed ? " changed" : ""}" data-exam-id="${escapeHtml(exam.examId)}" data-kind="${exam.kind}" fill="${COLOURS[exam.kind]}"`;
  const text = `<text class="exam${changed ? " changed" : ""}" x="32" y="${y + 16}">${escapeHtml(label(exam))}</text>`;
  let bar: string;
  let title: string;
  if (scaled && known(window)) {
    const left = x(window.start);
    const width = Math.max(x(window.end) - left, 3);
    bar = `<rect ${attributes} x="${left.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${ROW - 8}" rx="3">`;
    title = `${exam.examId}: ${status(exam)}; ${minute(window.start)} to ${minute(window.end)}`;
  } else {
    // Still one bar, so that every exam is on the chart: across the whole width, hatched.
    bar = `<rect ${attributes} x="${LABEL}" y="${y + 4}" width="${WIDTH - LABEL - RIGHT}" height="${ROW - 8}" rx="3" fill-opacity="0.25">`;
    title = `${exam.examId}: ${status(exam)}; window not known (unknown until apply, secret, or not a date)`;
  }
  const before = exam.before;
  const moved = scaled && known(before) && known(window) && (before.start !== window.start || before.end !== window.end);
  const previous = moved
    ? `<rect class="previous" x="${x(before.start).toFixed(1)}" y="${y + 1}" width="${Math.max(x(before.end) - x(before.start), 3).toFixed(1)}" height="${ROW - 2}" rx="3">` +
      `<title>${escapeHtml(`${exam.examId} before: ${minute(before.start)} to ${minute(before.end)}`)}</title></rect>`
    : "";
  // The old window on top of the new one: its dashed outline shows where the window ended or began before.
  return `${text}${bar}<title>${escapeHtml(title)}</title></rect>${previous}`;
}
