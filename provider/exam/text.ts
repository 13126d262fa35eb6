import { codePointLabel, firstBidiControl, firstDash, firstInvisible, firstSpace, type Found } from "./characters";

/**
 * What a text field may hold. Every check is a native regex test or one pass
 * over the string, and no message quotes the value, so a 50 MB string is
 * refused in milliseconds with a message of one line.
 */
export interface TextRule {
  /** The most characters (code points, as the server counts them). */
  max: number;
  nonEmpty?: boolean;
  /** Free text, which alone may hold line feeds, carriage returns and tabs. */
  multiline?: boolean;
  /**
   * An identity (the upsert key, the account): used exactly as written, so
   * surrounding whitespace is refused rather than trimmed, which would address
   * another exam.
   */
  identity?: boolean;
  /**
   * A display name (account, exam, course), shown in one line among others in
   * dashboards and the review: no control may reorder what is shown after it.
   */
  displayName?: boolean;
}

// C0, DEL and C1: invisible, and a line break in an id or name splits it in logs and dashboards;
// so do Unicode's line and paragraph separators, which browsers and editors break lines at.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_BUT_LINES_AND_TABS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);
const NAMES: Record<number, string> = {
  0x09: "tab",
  0x0a: "line feed",
  0x0d: "carriage return",
  0x85: "next line",
  0x2028: "line separator",
  0x2029: "paragraph separator",
};

// Without the `u` flag a regex sees UTF-16 units: any surrogate, and one not paired with its other half.
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Characters (code points) in `text` before the UTF-16 index `end`. */
function characters(text: string, end = text.length): number {
  // Native and near-instant, where the loop below takes ~2 ns a unit.
  if (!SURROGATE.test(text)) return end;
  let count = end;
  for (let i = 1; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count--;
    }
  }
  return count;
}

/** Where a match is, as a reader counts: the n-th character, from 1. */
function position(text: string, index: number): number {
  return characters(text, index) + 1;
}

function lengthProblem(text: string, rule: TextRule): string | undefined {
  if (rule.nonEmpty && text.length === 0) return "must not be empty";
  // A string of at most `max` UTF-16 units has at most `max` characters: most values need no count.
  if (text.length <= rule.max) return undefined;
  const length = characters(text);
  return length > rule.max ? `must be at most ${rule.max} characters (got ${length}, ${length - rule.max} too many)` : undefined;
}

function controlProblem(text: string, rule: TextRule): string | undefined {
  const found = (rule.multiline ? CONTROL_BUT_LINES_AND_TABS : CONTROL).exec(text);
  if (!found) return undefined;
  const unit = found[0].charCodeAt(0);
  const what = LINE_BREAKS.has(unit) ? "line breaks" : "control characters";
  const name = NAMES[unit] === undefined ? "" : ` ${NAMES[unit]}`;
  return `must not contain ${what} (${codePointLabel(unit)}${name} at position ${position(text, found.index)})`;
}

function surrogateProblem(text: string): string | undefined {
  const found = LONE_SURROGATE.exec(text);
  if (!found) return undefined;
  const unit = found[0].charCodeAt(0);
  return (
    `must not contain an unpaired surrogate (${codePointLabel(unit)} at position ${position(text, found.index)}): ` +
    "it is not a character, and would reach Proctor as U+FFFD, a different text"
  );
}

function whitespaceProblem(text: string): string | undefined {
  const [first, last] = [text.charAt(0), text.charAt(text.length - 1)];
  const [leading, trailing] = [/\s/.test(first), /\s/.test(last)];
  if (!leading && !trailing) return undefined;
  if (!/\S/.test(text)) return "must not be only whitespace";
  const why = "an id is used exactly as written, and trimmed it would name another exam or account";
  if (leading && trailing) return `must not start or end with whitespace: remove the leading and trailing whitespace; ${why}`;
  const [where, side, unit] = leading ? ["start", "leading", first] : ["end", "trailing", last];
  return `must not ${where} with whitespace (${codePointLabel(unit.charCodeAt(0))}): remove the ${side} whitespace; ${why}`;
}

const LOOKS_LIKE_ANOTHER = "an id that looks like another would name another exam or account";

/** `(U+200B zero width space at position 10)`, as every message names a character. */
function where(text: string, found: Found): string {
  return `(${found.label} at position ${position(text, found.index)})`;
}

/**
 * Ids are compared exactly, so a character that looks like another, or like
 * nothing, makes a different id that reads the same. Whitespace at either end
 * (a no-break space, a byte-order mark) is whitespaceProblem's to report.
 */
function lookAlikeProblems(text: string): (string | undefined)[] {
  const start = text.length - text.trimStart().length;
  const inner = text.trim();
  const within = (found: Found | undefined) => found && { ...found, index: found.index + start };
  const [invisible, dash, space] = [within(firstInvisible(inner)), firstDash(text), within(firstSpace(inner))];
  return [
    invisible && `must not contain invisible characters ${where(text, invisible)}: ${LOOKS_LIKE_ANOTHER}`,
    dash && `must not contain dashes other than "-" ${where(text, dash)}: ${LOOKS_LIKE_ANOTHER}`,
    space && `must not contain spaces other than " " ${where(text, space)}: ${LOOKS_LIKE_ANOTHER}`,
  ];
}

function bidiProblem(text: string): string | undefined {
  const found = firstBidiControl(text);
  return found && `must not contain bidirectional controls ${where(text, found)}: they reorder how the text shown after the name reads`;
}

/**
 * A rule as schema metadata: JSON Schema's own `maxLength`/`minLength`, plus
 * `multiline`, `identity` and `displayName` as TextRule names them (JSON Schema has no words for
 * those). Read off the same rule the checks below enforce, for the field
 * table and any JSON Schema.
 */
export type TextMeta = {
  maxLength: number;
  minLength?: number;
  multiline?: boolean;
  identity?: boolean;
  displayName?: boolean;
};

export function textMeta(rule: TextRule): TextMeta {
  return {
    maxLength: rule.max,
    ...(rule.nonEmpty && { minLength: 1 }),
    ...(rule.multiline && { multiline: true }),
    ...(rule.identity && { identity: true }),
    ...(rule.displayName && { displayName: true }),
  };
}

/** Everything wrong with `text` under `rule`, each problem one message. */
export function textProblems(text: string, rule: TextRule): string[] {
  const problems = [lengthProblem(text, rule), controlProblem(text, rule), surrogateProblem(text)];
  if (rule.identity && text !== "") problems.push(whitespaceProblem(text), ...lookAlikeProblems(text));
  if (rule.displayName) problems.push(bidiProblem(text));
  return problems.filter((problem) => problem !== undefined);
}
