import type { ExamChange, Review } from "./changes";
import type { Finding } from "./diagnostics";
import { escapeHtml } from "./html-text";
import { counts, grouped, headline, mandatoryViolations, reviewed, sendsLine } from "./summary";
import { COLOURS, timeline } from "./timeline";
import { CREATE_CAVEAT, findingSubject, findingText, notes, status, violationSubject, violationText } from "./words";

/**
 * The review as one self-contained HTML page (a CI artifact): the summary,
 * the timeline of every exam window, and each changed exam's fields. No
 * script, font, image or stylesheet is fetched.
 */

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 18px 0 6px; }
.headline { font-size: 16px; font-weight: 600; }
.errors li { color: #cf222e; } .warnings li { color: #9a6700; }
table { border-collapse: collapse; margin: 4px 0 12px; } td, th { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; font-family: ui-monospace, monospace; font-size: 12px; }
th { background: #f6f8fa; }
.note { color: #57606a; }
.legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.timeline { max-width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.timeline .account { font-weight: 700; font-size: 13px; } .timeline .course { font-weight: 600; font-size: 12px; fill: #57606a; }
.timeline .exam { font-size: 12px; fill: #57606a; } .timeline .exam.changed { fill: #1f2328; font-weight: 600; }
.timeline .tick { font-size: 11px; fill: #57606a; } .timeline .grid { stroke: #eaeef2; }
.timeline .bar.changed { stroke: #1f2328; stroke-width: 1; } .timeline .previous { fill: none; stroke: #1f2328; stroke-width: 1.5; stroke-dasharray: 4 3; }
`;

function findings(title: string, cls: string, list: { exam?: ExamChange; finding: Finding }[]): string {
  if (list.length === 0) return "";
  const items = list.map(({ exam, finding }) => {
    const subject = exam ? `exam "${exam.examId}" (resource "${exam.resource}")` : findingSubject(finding);
    return `<li>${subject ? `<b>${escapeHtml(subject)}</b>: ` : ""}${escapeHtml(findingText(finding))}</li>`;
  });
  return `<h2>${title}</h2><ul class="${cls}">${items.join("")}</ul>`;
}

function policy(review: Review): string {
  const violations = review.policy ?? [];
  if (violations.length === 0) return "";
  const items = violations.map((v) => {
    const subject = violationSubject(v, review.exams);
    return `<li>${subject ? `<b>${escapeHtml(subject)}</b>: ` : ""}${escapeHtml(violationText(v))}</li>`;
  });
  return `<h2>Policy violations</h2><ul class="${mandatoryViolations(review) > 0 ? "errors" : "warnings"}">${items.join("")}</ul>`;
}

function all(review: Review, list: "errors" | "warnings"): { exam?: ExamChange; finding: Finding }[] {
  return [...review[list].map((finding) => ({ finding })), ...review.exams.flatMap((exam) => exam[list].map((finding) => ({ exam, finding })))];
}

/** A name as its own run of text: right-to-left letters in it cannot move the words around it. */
function isolated(name: string): string {
  return `<bdi>${escapeHtml(name)}</bdi>`;
}

function examSection(exam: ExamChange): string {
  const rows = exam.fields.map((f) => `<tr><td>${escapeHtml(f.path)}</td><td>${escapeHtml(f.before)}</td><td>${escapeHtml(f.after)}</td></tr>`);
  const rendered = `<table><tr><th>field</th><th>before</th><th>after</th></tr>${rows.join("")}</table>`;
  // As in the comment: a new exam's fields are folded, so the changes to live exams stay in view.
  const table = rows.length === 0 ? "" : exam.kind === "created" ? `<details><summary>${rows.length} fields</summary>${rendered}</details>` : rendered;
  const name = exam.examName === exam.examId ? "" : ` ${isolated(exam.examName)}`;
  return (
    `<h3 id="exam-${escapeHtml(exam.examId)}"><span style="color:${COLOURS[exam.kind]}">■</span> ${escapeHtml(exam.examId)}${name}: ${escapeHtml(status(exam))}</h3>` +
    notes(exam).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("") +
    table
  );
}

export function renderHtml(review: Review): string {
  const legend = Object.entries(COLOURS).map(([kind, colour]) => `<span><i style="background:${colour}"></i>${kind}</span>`).join("");
  const changes = grouped(reviewed(review))
    .flatMap(({ account, courses }) => courses.map(({ course, exams }) => `<h2>${isolated(account)} · ${isolated(course)}</h2>${exams.map(examSection).join("")}`))
    .join("");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Exam changes: ${escapeHtml(headline(review))}</title><style>${STYLE}</style></head><body>`,
    "<h1>Exam changes</h1>",
    `<p class="headline">${escapeHtml(headline(review))}.</p><p>${escapeHtml(sendsLine(review))}</p>`,
    findings("Errors", "errors", all(review, "errors")),
    policy(review),
    findings("Warnings", "warnings", all(review, "warnings")),
    "<h2>Exam windows</h2>",
    `<p class="legend">${legend}<span><i style="border:1.5px dashed #1f2328"></i>window before the change</span></p>`,
    timeline(review.exams),
    changes,
    counts(review).created > 0 ? `<p class="note">${escapeHtml(CREATE_CAVEAT)}</p>` : "",
    "</body></html>",
    "",
  ].join("\n");
}
