/**
 * Where and how the provider talks to Proctor: the stack's `proctor:*` config
 * (secrets already decrypted by the engine), falling back to `PROCTOR_*`
 * environment variables. Read when a provider method runs, never captured into
 * state, so the JWT secret never lands there.
 */
import type * as Zod from "zod";
import type { z } from "zod";
import { ConfigError } from "../errors";
import type { Place } from "../exam/plan";

/** Reads one key of the stack config, e.g. `proctor:url`. */
export type ConfigSource = (key: string) => string | undefined;

export interface Connection {
  /** "default", or the name a resource gave in its `connection` argument. */
  name: string;
  url: string;
  integrationName: string;
  jwtSecret: string;
  tuning: Tuning;
}

// ---- Tuning ---------------------------------------------------------------

/**
 * zod, loaded when the tuning is first built: the program process reads where a
 * connection points (exam/claims.ts) and must not pay for the schema library.
 */
function zod(): typeof z {
  return (require("zod") as typeof Zod).z;
}

/**
 * One tuning key: a whole number within bounds, with its default and what it
 * means in `.meta()` (withEnvNames adds its environment variable); the
 * README's configuration table is read off this schema.
 */
function setting(bounds: { default: number; min: number; max: number }, description: string) {
  return zod().coerce.number().int().min(bounds.min).max(bounds.max).default(bounds.default).meta({ description });
}

/** `INTEGRATION_NAME` for `integrationName`: every setting's environment variable is its key in upper snake case. */
function upperSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** Each key's `.meta()` gains `env`, `PROCTOR_<KEY>`, the variable that stands in for `proctor:<key>`. */
function withEnvNames<T extends Record<string, z.ZodType>>(shape: T): T {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.meta({ ...field.meta(), env: `PROCTOR_${upperSnake(key)}` })])) as T;
}

/**
 * The tuning keys, each `proctor:<key>` in the stack config: the one place that
 * states their defaults, bounds, environment fallbacks and meaning. The values
 * arrive as strings (config or environment), hence the coercion.
 */
function buildTuningSchema() {
  return zod().strictObject(withEnvNames({
    tokenLifetimeSeconds: setting({ default: 30, min: 5, max: 3600 }, "Lifetime of each signed token (`exp` = now + this). Raise it (e.g. 300) if clocks drift."),
    concurrency: setting({ default: 8, min: 1, max: 256 }, "Upserts in flight at once per integration."),
    maxAttempts: setting({ default: 5, min: 1, max: 20 }, "Attempts per upsert, counting the first, for 429/502/503/504, connection errors and attempts past `requestTimeoutSeconds`."),
    retryBaseDelayMs: setting({ default: 500, min: 0, max: 60_000 }, "First backoff step; doubles each attempt, with full jitter."),
    retryMaxDelayMs: setting({ default: 30_000, min: 0, max: 300_000 }, "Longest wait between attempts, `Retry-After` included."),
    connectTimeoutSeconds: setting({ default: 10, min: 1, max: 300 }, "Time allowed to open a connection."),
    requestTimeoutSeconds: setting({ default: 30, min: 1, max: 600 }, "Time allowed for one whole attempt: connecting, sending, and reading the entire answer. An attempt that runs out is retried (up to `maxAttempts`)."),
    maxResponseBytes: setting({ default: 1_048_576, min: 1024, max: 67_108_864 }, "Largest answer read from Proctor; a longer one is cut off, and is an error if it was a success."),
  }));
}

/** The resolved tuning: every key, a whole number within its bounds. */
export type Tuning = z.output<ReturnType<typeof buildTuningSchema>>;
export type TuningKey = keyof Tuning;

/** One tuning key as the docs and error messages show it. */
export interface TuningKeyDoc {
  default: number;
  min: number;
  max: number;
  env: string;
  doc: string;
}

// Built on first use, like the exam schema (provider/exam/schema.ts): no zod
// object at module level, where Pulumi's closure serializer could meet it.
let compiledTuning: { schema: ReturnType<typeof buildTuningSchema>; keys: Record<TuningKey, TuningKeyDoc> } | undefined;

function compileTuning(): NonNullable<typeof compiledTuning> {
  if (compiledTuning) return compiledTuning;
  const schema = buildTuningSchema();
  const fields = Object.entries(schema.shape) as [TuningKey, (typeof schema.shape)[TuningKey]][];
  const keys = Object.fromEntries(
    fields.map(([key, field]) => {
      const number = field.unwrap();
      const meta = field.meta() as { env: string; description: string };
      const doc: TuningKeyDoc = { default: field.def.defaultValue, min: number.minValue!, max: number.maxValue!, env: meta.env, doc: meta.description };
      return [key, doc];
    }),
  ) as Record<TuningKey, TuningKeyDoc>;
  return (compiledTuning = { schema, keys });
}

/** The zod schema of the tuning keys (for a JSON Schema of the config). */
export function tuningSchema(): ReturnType<typeof buildTuningSchema> {
  return compileTuning().schema;
}

/** Each tuning key's default, bounds, environment variable and meaning, read off the schema. */
export function tuningKeys(): Readonly<Record<TuningKey, TuningKeyDoc>> {
  return compileTuning().keys;
}

/** The tuning when nothing is set. */
export function defaultTuning(): Tuning {
  return tuningSchema().parse({});
}

/**
 * Each key from `proctor:<key>`, else its environment variable, else its
 * default; every bad value is reported at once, naming the key, its bounds and
 * where the value came from.
 */
export function resolveTuning(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): Tuning {
  const { schema, keys } = compileTuning();
  const given: Partial<Record<TuningKey, { value: string; from?: string }>> = {};
  for (const [key, { env: variable }] of Object.entries(keys) as [TuningKey, TuningKeyDoc][]) {
    const fromConfig = config(`proctor:${key}`);
    const value = fromConfig ?? env[variable];
    if (value !== undefined && value !== "") given[key] = { value, from: fromConfig === undefined ? variable : undefined };
  }
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(given).map(([key, { value }]) => [key, value])));
  if (parsed.success) return parsed.data;
  const bad = [...new Set(parsed.error.issues.map((issue) => issue.path[0] as TuningKey))];
  throw new ConfigError(
    "CONFIG_INVALID",
    bad
      .map((key) => {
        const { min, max } = keys[key];
        const { value, from } = given[key]!;
        return `proctor:${key} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}${from ? ` from ${from}` : ""})`;
      })
      .join("; "),
  );
}

const DEFAULT_CONNECTION = "default";

interface Settings {
  url?: string;
  integrationName?: string;
  jwtSecret?: string;
}

/** Resolves the connection a resource names, or throws an error that says exactly what to set. */
export function resolveConnection(
  name: string | undefined,
  config: ConfigSource,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const connectionName = name ?? DEFAULT_CONNECTION;
  const settings = settingsOf(connectionName, config, env);
  const missing = SETTING_KEYS.filter((k) => !settings[k]);
  if (missing.length > 0) {
    throw new ConfigError("CONFIG_MISSING", `Proctor connection "${connectionName}" is missing ${missing.join(", ")}: ${howToSet(connectionName, missing)}`);
  }
  const url = checkUrl(connectionName, settings.url!);
  return {
    name: connectionName,
    url,
    integrationName: settings.integrationName!,
    jwtSecret: settings.jwtSecret!,
    tuning: resolveTuning(config, env),
  };
}

/**
 * Where a connection points, without its secret: for telling apart connections
 * that reach the same integration under different names. Undefined when the
 * url or integrationName is missing or unusable.
 */
export function connectionPlace(name: string | undefined, config: ConfigSource, env: NodeJS.ProcessEnv = process.env): Place | undefined {
  const connectionName = name ?? DEFAULT_CONNECTION;
  try {
    const { url, integrationName } = settingsOf(connectionName, config, env);
    return url && integrationName ? { url: checkUrl(connectionName, url), integrationName } : undefined;
  } catch {
    return undefined;
  }
}

function settingsOf(name: string, config: ConfigSource, env: NodeJS.ProcessEnv): Settings {
  return name === DEFAULT_CONNECTION ? defaultSettings(config, env) : namedSettings(name, config, env);
}

const SETTING_KEYS = ["url", "integrationName", "jwtSecret"] as const;
type SettingKey = (typeof SETTING_KEYS)[number];

/** `PROCTOR_URL` for the default connection, `PROCTOR_<NAME>_URL` for a named one. */
function envVariable(name: string, key: SettingKey): string {
  const prefix = name === DEFAULT_CONNECTION ? "PROCTOR_" : `PROCTOR_${name.toUpperCase().replace(/-/g, "_")}_`;
  return `${prefix}${upperSnake(key)}`;
}

/** Config values where set, else the environment. */
function withEnvFallback(name: string, fromConfig: Settings, env: NodeJS.ProcessEnv): Settings {
  return Object.fromEntries(
    SETTING_KEYS.map((key) => [key, stringOrUndefined(fromConfig[key]) ?? env[envVariable(name, key)]]),
  ) as Settings;
}

function defaultSettings(config: ConfigSource, env: NodeJS.ProcessEnv): Settings {
  const fromConfig = Object.fromEntries(SETTING_KEYS.map((key) => [key, config(`proctor:${key}`)])) as Settings;
  return withEnvFallback(DEFAULT_CONNECTION, fromConfig, env);
}

/** Named connections live in the object config `proctor:connections`, or in `PROCTOR_<NAME>_*`. */
function namedSettings(name: string, config: ConfigSource, env: NodeJS.ProcessEnv): Settings {
  const raw = config("proctor:connections");
  let fromConfig: Settings = {};
  if (raw !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigError("CONFIG_INVALID", "proctor:connections must be an object of connections; set it with pulumi config set --path");
    }
    const entry = (parsed as Record<string, unknown> | null)?.[name];
    if (entry !== undefined && (typeof entry !== "object" || entry === null)) {
      throw new ConfigError("CONFIG_INVALID", `proctor:connections.${name} must be an object with url, integrationName and jwtSecret`);
    }
    fromConfig = (entry ?? {}) as Settings;
  }
  return withEnvFallback(name, fromConfig, env);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function howToSet(name: string, missing: readonly SettingKey[]): string {
  const commands = missing.map((key) => {
    const secret = key === "jwtSecret" ? " --secret" : "";
    const path = name === DEFAULT_CONNECTION ? `proctor:${key}` : `--path 'proctor:connections.${name}.${key}'`;
    return `pulumi config set${secret} ${path} <value> (or ${envVariable(name, key)})`;
  });
  return commands.join("; ");
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

/**
 * The base url, as given minus trailing slashes. Plain http would send the token in clear; it is
 * allowed only to this machine (the emulator). Parts the client would drop are refused, not trimmed,
 * so that a password in the url is noticed and never echoed.
 */
function checkUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Whatever precedes an "@" may be a password, even in a string that does not parse.
    const shown = raw.replace(/^([a-z][\w+.-]*:\/\/)?[\s\S]*@/i, "$1");
    throw new ConfigError("CONFIG_INVALID", `Proctor connection "${name}": url "${shown}" is not a URL; write e.g. https://proctor.example.org`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError("CONFIG_INVALID", `Proctor connection "${name}": url must start with https:// (got ${url.protocol})`);
  }
  const base = url.origin + url.pathname.replace(/\/+$/, "");
  if (url.username !== "" || url.password !== "") {
    throw new ConfigError(
      "CONFIG_INVALID",
      `Proctor connection "${name}": url must not hold a user name or password (Proctor authenticates with the signed token); ` +
        `write it as ${base} and store the secret with ${howToSet(name, ["jwtSecret"])}`,
    );
  }
  // An empty "?" or "#" is still there in href; neither can occur in the path, where it would be escaped.
  if (/[?#]/.test(url.href)) {
    throw new ConfigError("CONFIG_INVALID", `Proctor connection "${name}": url must not have a query (?…) or fragment (#…), the client adds the API path itself; write it as ${base}`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === "http:" && !loopback) {
    throw new ConfigError("CONFIG_INVALID", `Proctor connection "${name}": url ${url.origin} uses plain http, which would expose the signed token; use https (http is allowed only on loopback)`);
  }
  return base;
}
