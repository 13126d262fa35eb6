/**
 * The provider's stack config, `proctor:*`, decoded once (when the engine
 * configures the provider) into a typed object that everything after reads:
 * the default connection's settings, the named connections of
 * `proctor:connections`, and the tuning (a zod schema, which its type, its
 * docs and its checks are read off). Secrets arrive decrypted from the engine
 * and stay in memory: never in state, logs or errors.
 */
import type * as Zod from "zod";
import type { z } from "zod";
import { ConfigError } from "../errors";
import { isRecord } from "../record";

/**
 * Reads one key of the stack config, e.g. `proctor:url`, as the engine hands
 * it: a string, or an object for `proctor:connections` set with `--path`.
 */
export type ConfigSource = (key: string) => unknown;

/** `INTEGRATION_NAME` for `integrationName`: every setting's environment variable is its key in upper snake case. */
export function upperSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

// ---- Tuning ---------------------------------------------------------------

/**
 * zod, loaded when the tuning is first built: the program process reads where a
 * connection points (exam/claims.ts, through decodeConnections) and must not pay
 * for the schema library.
 */
function zod(): typeof z {
  return (require("zod") as typeof Zod).z;
}

/**
 * One tuning key: a whole number within bounds, with its default and what it
 * means in `.meta()` (withEnvNames adds its environment variable); the
 * configuration table of docs/configuration.md is read off this schema.
 */
function setting(bounds: { default: number; min: number; max: number }, description: string) {
  return zod().coerce.number().int().min(bounds.min).max(bounds.max).default(bounds.default).meta({ description });
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
  const given: Partial<Record<TuningKey, { value: unknown; from?: string }>> = {};
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

// ---- Connections ----------------------------------------------------------
// Three optional strings per connection, read by hand rather than with zod: the
// program process decodes them too (exam/claims.ts: where a connection points),
// and must not load the schema library.

/** The settings of one connection, each a key of the default connection (`proctor:url`) and of a named one. */
export const SETTING_KEYS = ["url", "integrationName", "jwtSecret"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/**
 * A connection's settings as the stack config gives them: only the keys that
 * are set (the environment fills the others when the connection is resolved:
 * connection.ts).
 */
export type ConnectionSettings = Partial<Record<SettingKey, string>>;

/** The settings `given` holds of `keys`, and the keys whose value is no text: empty counts as unset, a number (a YAML config value) is its text. */
function settingsOf(given: (key: SettingKey) => unknown, keys: readonly SettingKey[]): { settings: ConnectionSettings; bad: SettingKey[] } {
  const settings: ConnectionSettings = {};
  const bad: SettingKey[] = [];
  for (const key of keys) {
    const value = given(key);
    if (typeof value === "number") settings[key] = String(value);
    else if (typeof value === "string") {
      if (value !== "") settings[key] = value;
    } else if (value !== undefined && value !== null) bad.push(key);
  }
  return { settings, bad };
}

/** `proctor:connections` as an object: as the engine hands a key set with --path, or as the JSON text `pulumi config set` without --path stores. */
function connectionsObject(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== "string") return isRecord(raw) ? raw : undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The connection settings the stack config holds: the default connection's, and each named one's. */
export interface ConfiguredConnections {
  default: ConnectionSettings;
  /** By name, in the order `proctor:connections` lists them. */
  named: Readonly<Record<string, ConnectionSettings>>;
}

/** The whole decoded stack config of the provider. */
export interface ProviderConfig {
  connections: ConfiguredConnections;
  tuning: Tuning;
}

/**
 * The connection settings of the stack config, or every problem with them at
 * once, each naming the key and how to write it. A reader that only needs
 * where connections point reads `keys` without the jwtSecret, which it then
 * never sees (a stack file or the policy pack may hold it encrypted).
 */
export function decodeConnections(config: ConfigSource, keys: readonly SettingKey[] = SETTING_KEYS): ConfiguredConnections {
  const problems: string[] = [];
  const fromDefault = settingsOf((key) => config(`proctor:${key}`), keys);
  problems.push(...fromDefault.bad.map((key) => `proctor:${key} must be a string`));
  const named: Record<string, ConnectionSettings> = {};
  const raw = config("proctor:connections");
  const entries = raw === undefined ? {} : connectionsObject(raw);
  if (entries === undefined) problems.push("proctor:connections must be an object of connections; set it with pulumi config set --path");
  for (const [name, entry] of Object.entries(entries ?? {})) {
    const parsed = isRecord(entry) ? settingsOf((key) => entry[key], keys) : undefined;
    if (parsed && parsed.bad.length === 0) named[name] = parsed.settings;
    else problems.push(`proctor:connections.${name} must be an object with url, integrationName and jwtSecret, each a string`);
  }
  if (problems.length > 0) throw new ConfigError("CONFIG_INVALID", problems.join("; "));
  return { default: fromDefault.settings, named };
}

/** The stack config, decoded: every bad value (a connection's shape, a tuning key) reported at once. */
export function decodeConfig(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  const problems: string[] = [];
  const attempt = <T>(decode: () => T): T | undefined => {
    try {
      return decode();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  const connections = attempt(() => decodeConnections(config));
  const tuning = attempt(() => resolveTuning(config, env));
  if (problems.length > 0) throw new ConfigError("CONFIG_INVALID", problems.join("; "));
  return { connections: connections!, tuning: tuning! };
}
