import { UNKNOWN } from "../exam/schema";
import { isRecord } from "../record";
import { SHOWN, shortened, show } from "../show";

/**
 * How `pulumi preview --json` spells a secret: the CLI masks it as "[secret]";
 * a raw engine value keeps the signature object (its value inside). Either is
 * only ever shown as "(secret)".
 */
const SECRET_MASK = "[secret]";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Argument names that hold credentials whatever the preview marks (a program that passes jwtSecret is refused, but a preview file is input we did not write). */
const CREDENTIAL_NAME = /secret|password|token|credential/i;

export function isSecretValue(value: unknown): boolean {
  return value === SECRET_MASK || (isRecord(value) && value[SECRET_SIG_KEY] === SECRET_SIG);
}

export function isCredentialName(path: string): boolean {
  return CREDENTIAL_NAME.test(path);
}

/**
 * An exam's arguments as dotted paths (`rules.allow_to_use_books`) to leaf
 * values: the nested sections are objects of scalars, lists stay whole, and a
 * secret is a leaf that is never opened. The engine's own keys (`__…`) are left out.
 */
export function flatten(inputs: Record<string, unknown>, prefix = ""): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(inputs)) {
    if (prefix === "" && key.startsWith("__")) continue;
    const path = prefix + key;
    if (isRecord(value) && !isSecretValue(value)) for (const [p, v] of flatten(value, `${path}.`)) leaves.set(p, v);
    else leaves.set(path, value);
  }
  return leaves;
}

/** A value as one table cell or label: short, plain text (renderers escape it for their format). */
export function display(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (isSecretValue(value)) return "(secret)";
  if (value === UNKNOWN) return "(known after apply)";
  if (Array.isArray(value)) {
    const json = JSON.stringify(value);
    return json.length > SHOWN ? shortened(json) : json;
  }
  return show(value);
}
