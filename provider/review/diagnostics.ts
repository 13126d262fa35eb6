import { resourceName, type PreviewDiagnostic } from "./preview";

/** A warning or error of the preview, tied to an exam (and a field) when its text or URN names one. */
export interface Finding {
  /** The Pulumi resource the engine reported it on. */
  resource?: string;
  /** The exam the provider's message names (`exam "…": …`). */
  examId?: string;
  field?: string;
  /** "server keeps its last value": a field removed from the program that Proctor cannot reset. */
  unresettable?: boolean;
  message: string;
}

export interface Findings {
  errors: Finding[];
  warnings: Finding[];
}

// The engine's words for a check failure: `<type> resource '<name>': property <path> value {<value>} has a problem: <reason>`.
const CHECK_FAILURE = /resource '[^']*': property (.+?) value \{(.*)\} has a problem: ([^]*)$/;
// An exam inside a course's resource: `exams["<examId>"].<field>` (the engine writes `exams.<examId>` for a plain name).
const GROUP_PROPERTY = /^exams(?:\[("(?:[^"\\]|\\.)*")\]|\.([^.[\]]+))(?:\.(.+))?$/;
// The provider's messages start with the exam they are about (provider/exam/lifecycle.ts).
const ABOUT_EXAM = /^exam "([^"]+)":? ([^]*)$/;
const UNRESETTABLE = /^(\S+) was removed from the program, .*the server keeps its last value/;

/** The message without the engine's prefixes ("warning: ", "[runtime] ") and trailing blank lines. */
function plain(message: string): string {
  return message.replace(/^(error|warning|info|debug):\s*/, "").replace(/^\[[^\]]*\]\s*/, "").trim();
}

function severityOf(d: PreviewDiagnostic): "error" | "warning" | undefined {
  if (d.severity === "error" || /^error:/.test(d.message)) return "error";
  if (d.severity === "warning" || /^warning:/.test(d.message)) return "warning";
  return undefined;
}

/** A quoted examId as the provider wrote it (JSON); as written when it is not JSON. */
function unquoted(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}

function finding(d: PreviewDiagnostic): Finding {
  const message = plain(d.message);
  const resource = d.urn === undefined || d.urn === "" ? undefined : resourceName(d.urn);
  const failure = CHECK_FAILURE.exec(message);
  if (failure) {
    const [, field, value, reason] = failure;
    // The value is left out: it may be a secret input, which the engine prints masked but our reason may quote.
    const safeReason = /\[secret\]|4dabf18193072939515e22adb298388d/.test(value) ? reason.replace(/ \(got [^]*\)$/, "") : reason;
    const member = GROUP_PROPERTY.exec(field);
    if (member) {
      const [, quoted, plainName, rest] = member;
      // The group's provider starts each reason with the exam it is about, which the finding names already.
      const text = safeReason.trim().replace(ABOUT_EXAM, "$2");
      return { resource, examId: quoted === undefined ? plainName : unquoted(quoted), ...(rest !== undefined && { field: rest }), message: text };
    }
    return { resource, field, message: safeReason.trim() };
  }
  const about = ABOUT_EXAM.exec(message);
  if (about) {
    const [, examId, rest] = about;
    const unresettable = UNRESETTABLE.exec(rest);
    return unresettable ? { resource, examId, field: unresettable[1], unresettable: true, message: rest } : { resource, examId, message: rest };
  }
  return { resource, message };
}

/** The preview's errors and warnings; its info lines (attempt counts and the like) are not a reviewer's business. */
export function readFindings(diagnostics: readonly PreviewDiagnostic[]): Findings {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  for (const d of diagnostics) {
    const severity = severityOf(d);
    if (severity === "error") errors.push(finding(d));
    else if (severity === "warning") warnings.push(finding(d));
  }
  return { errors, warnings };
}
