import { ValidationError } from "../errors";
import { nearest } from "../nearest";
import { show } from "../show";

/**
 * What an examIdTemplate may name. `{course}` is the course's `courseCode` as
 * written, or else its `courseName` as a slug ("Physics 101" → `physics-101`);
 * `{account}` is the accountId; `{kind}` the exam's own short key (`kind: final`);
 * `{term}` the catalogue's term.
 */
export const PLACEHOLDERS = ["term", "course", "account", "kind"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** A term or kind: short and safe inside any id (`2026-autumn`, `final`, `quiz-2`). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const PART = /\{([^{}]*)\}/g;

/**
 * What is wrong with a template, if anything: an unknown placeholder or a stray
 * brace. A template that gives two exams one id is found as a duplicate examId.
 */
export function templateProblem(template: string): string | undefined {
  const names = [...template.matchAll(PART)].map((m) => m[1]);
  for (const name of names) {
    if ((PLACEHOLDERS as readonly string[]).includes(name)) continue;
    const suggestion = nearest(name, PLACEHOLDERS);
    return `unknown placeholder {${name}}${suggestion === undefined ? "" : `; did you mean {${suggestion}}?`} (placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")})`;
  }
  return /[{}]/.test(template.replace(PART, "")) ? `has an unmatched brace (got ${show(template)})` : undefined;
}

/** "Physics 101 (Lab)" → "physics-101-lab": letters and digits, accents dropped, runs of anything else one "-". */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export type TemplateValues = Partial<Record<Placeholder, string>>;

/** The id the template gives these values, or the placeholders it needs and has no value for. */
export function fillTemplate(template: string, values: TemplateValues): { id: string } | { missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const id = template.replace(PART, (_, name: Placeholder) => {
    const value = values[name];
    if (value === undefined || value === "") missing.add(name);
    return value ?? "";
  });
  return missing.size > 0 ? { missing: [...missing] } : { id };
}

/** `text` matched literally inside a regex. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A regex that every examId the template gives matches, for the policy pack's
 * examId rule: `examIdPattern("{course}-{term}-{kind}", "2026-autumn").source`.
 * With a term, only that term's ids match; without one, any term's.
 */
export function examIdPattern(template: string, term?: string): RegExp {
  const problem = templateProblem(template);
  if (problem !== undefined) throw new ValidationError("VALIDATION", `examIdTemplate ${problem}`);
  const code = "[A-Za-z0-9][A-Za-z0-9._-]*";
  const parts: Record<Placeholder, string> = { term: term === undefined ? code : escapeRegExp(term), kind: code, course: ".+?", account: ".+?" };
  let source = "";
  let last = 0;
  for (const match of template.matchAll(PART)) {
    source += escapeRegExp(template.slice(last, match.index)) + `(?:${parts[match[1] as Placeholder]})`;
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeRegExp(template.slice(last))}$`);
}
