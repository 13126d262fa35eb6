import { escapeRegExp } from "./template";

/** How an id or a file name got the new term: in place of the old one, or after it. */
export type TermRule = "replaced" | "appended";

/** Where one token of an id ends and the next begins. */
const SEPARATOR = "[-_.]";

/**
 * Next term's name for `text` (an examId, a file name): the old term replaced
 * where it stands as whole tokens, between "-", "_", "." or the ends
 * (`phy-2026-autumn-final` → `phy-2027-spring-final`); otherwise the new term
 * appended with the separator the text last uses, "-" when it has none
 * (`maths_final` → `maths_final_s2`). Whole tokens only, because the term as
 * part of another word is not the term: with term `s1`, `phys1-final` would
 * become `phys2-final`, which may be another course's live exam.
 */
export function renewTerm(text: string, from: string | undefined, to: string): { text: string; rule: TermRule } {
  if (from !== undefined) {
    const whole = new RegExp(`(?<=^|${SEPARATOR})${escapeRegExp(from)}(?=$|${SEPARATOR})`, "g");
    const replaced = text.replace(whole, () => to);
    if (replaced !== text) return { text: replaced, rule: "replaced" };
  }
  const separator = new RegExp(`${SEPARATOR}(?!.*${SEPARATOR})`).exec(text)?.[0] ?? "-";
  return { text: `${text}${separator}${to}`, rule: "appended" };
}
