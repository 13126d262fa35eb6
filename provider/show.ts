/** The most UTF-16 units of a value a message or table quotes. */
export const SHOWN = 60;

/** At most `max` UTF-16 units and an ellipsis, never half of a surrogate pair, which JSON would print as an escape such as \ud83d. */
export function shortened(text: string, max = SHOWN): string {
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** A value as a failure message quotes it: short, and never a whole object (named as `objectNoun`). */
export function show(value: unknown, objectNoun = "an object"): string {
  if (typeof value === "string") return JSON.stringify(value.length > SHOWN ? shortened(value) : value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return objectNoun;
  return String(value);
}
