import { stringsIn } from "../record";
import { show } from "../show";

/**
 * Check failures without the values of secret arguments. The engine prints a
 * failure as `property proctoring value {[secret]} has a problem: <reason>`,
 * into CI logs: it masks the value it shows, but not one the reason quotes.
 */

export const HIDDEN = "[secret]";

// Shorter text occurs by chance in ordinary words; it is hidden only where quoted.
const MIN_BARE_LENGTH = 4;

/** The top-level arguments the program passed as secrets (`__secretInputs`), with their values. */
export function secretArguments(inputs: Record<string, unknown>): Map<string, unknown> {
  return new Map(secretInputNames(inputs).filter((name) => name in inputs).map((name) => [name, inputs[name]]));
}

/** The top-level argument names the program passed as secrets (`__secretInputs`, see exam/resource.ts); none when it lists none. */
export function secretInputNames(inputs: Record<string, unknown>): string[] {
  const listed = inputs.__secretInputs;
  return Array.isArray(listed) ? listed.map(String) : [];
}

/** The argument a property path (`rules.custom_rules`, `desktopAppAllowedProcesses[1]`) lies under. */
function argumentOf(property: string): string {
  return property.split(/[.[]/, 1)[0];
}

/** The ways a message may spell a secret text: quoted (cut short or whole), and bare where it is long enough not to be a word. */
function spellings(secrets: ReadonlyMap<string, unknown>): string[] {
  const texts = [...secrets.values()].flatMap(stringsIn).filter((text) => text !== "");
  const forms = texts.flatMap((text) => [show(text), JSON.stringify(text), ...(text.length >= MIN_BARE_LENGTH ? [text] : [])]);
  // Longest first, so that a spelling which contains another is hidden whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * A reason about `property` with no secret in it: under a secret argument, the
 * quoted value (`(got …)`, which also gives lengths and numbers away) is left
 * out; anywhere, every spelling of a secret text becomes `[secret]`.
 */
export function hideSecrets(property: string, reason: string, secrets: ReadonlyMap<string, unknown>): string {
  if (secrets.size === 0) return reason;
  let hidden = secrets.has(argumentOf(property)) ? reason.replace(/ \(got [\s\S]*$/, "") : reason;
  for (const form of spellings(secrets)) hidden = hidden.split(form).join(HIDDEN);
  return hidden;
}
