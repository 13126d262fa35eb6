/** The most UTF-16 units of a value a message or table quotes. */
export const SHOWN = 60;

/** At most SHOWN UTF-16 units, never half of a surrogate pair, which JSON would print as an escape such as \ud83d. */
export function shortened(text: string): string {
  const end = /[\ud800-\udbff]/.test(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
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
