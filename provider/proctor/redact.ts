/**
 * Hides credentials in what a server sends back before it reaches an error
 * message or the state: a misconfigured server or proxy may echo the request,
 * its Authorization header, or the secret itself in some encoding.
 */

const REDACTED = "[redacted]";

// Shorter strings occur by chance in ordinary text; hiding them would garble it.
const MIN_SECRET_LENGTH = 4;

// Three base64url segments whose first decodes to `{"`: the shape of any JWT, ours or not.
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

// An echoed Authorization value; the token must hold a non-letter so that prose such as "JWT signature" stays.
const SCHEME_AND_TOKEN = /\b(JWT|Bearer)\s+(?=[A-Za-z]*[0-9._~+/-])[A-Za-z0-9._~+/-]{8,}=*/gi;

/** The spellings in which a secret can come back: raw, inside a JSON string, URL-encoded, base64 and base64url. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const base64 = Buffer.from(secret, "utf8").toString("base64");
  return [
    secret,
    json,
    // Python's json (Django, behind the `JWT` scheme) escapes every non-ASCII character.
    json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    encodeURIComponent(secret),
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("base64url"),
  ];
}

// Every answer's every string is redacted with the same secret: its spellings are worked out once.
let lastForms: { key: string; forms: string[] } | undefined;

/** Every spelling of every secret worth hiding, longest first, so that a spelling which contains another is hidden whole. */
function formsOf(secrets: readonly string[]): string[] {
  const key = JSON.stringify(secrets);
  if (lastForms?.key !== key) {
    const forms = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(spellings))];
    lastForms = { key, forms: forms.sort((a, b) => b.length - a.length) };
  }
  return lastForms.forms;
}

/** `text` with every spelling of each secret, and every token, replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let redacted = text;
  const forms = formsOf(secrets);
  for (const form of forms) redacted = redacted.split(form).join(REDACTED);
  return redacted.replace(SCHEME_AND_TOKEN, `$1 ${REDACTED}`).replace(JWT_SHAPED, REDACTED);
}

/** Parsed JSON with every string redacted as by `redactText`; object keys and other values are kept. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, secrets)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, secrets)])) as T;
  }
  return value;
}
