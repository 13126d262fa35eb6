/**
 * Where and how the provider talks to Proctor: the stack's `proctor:*` config
 * (secrets already decrypted by the engine), falling back to `PROCTOR_*`
 * environment variables. Read when a provider method runs, never captured into
 * state, so the JWT secret never lands there.
 */

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

interface TuningSpec {
  default: number;
  min: number;
  max: number;
  env: string;
  doc: string;
}

/** The tuning keys, their defaults and bounds: one table for the code and the README. */
export const TUNING_KEYS = {
  tokenLifetimeSeconds: {
    default: 30, min: 5, max: 3600, env: "PROCTOR_TOKEN_LIFETIME_SECONDS",
    doc: "Lifetime of each signed token (`exp` = now + this). Raise it (e.g. 300) if clocks drift.",
  },
  concurrency: {
    default: 8, min: 1, max: 256, env: "PROCTOR_CONCURRENCY",
    doc: "Upserts in flight at once per integration.",
  },
  maxAttempts: {
    default: 5, min: 1, max: 20, env: "PROCTOR_MAX_ATTEMPTS",
    doc: "Attempts per upsert, counting the first, for 429/502/503/504, connection errors and attempts past `requestTimeoutSeconds`.",
  },
  retryBaseDelayMs: {
    default: 500, min: 0, max: 60000, env: "PROCTOR_RETRY_BASE_DELAY_MS",
    doc: "First backoff step; doubles each attempt, with full jitter.",
  },
  retryMaxDelayMs: {
    default: 30000, min: 0, max: 300000, env: "PROCTOR_RETRY_MAX_DELAY_MS",
    doc: "Longest wait between attempts, `Retry-After` included.",
  },
  connectTimeoutSeconds: {
    default: 10, min: 1, max: 300, env: "PROCTOR_CONNECT_TIMEOUT_SECONDS",
    doc: "Time allowed to open a connection.",
  },
  requestTimeoutSeconds: {
    default: 30, min: 1, max: 600, env: "PROCTOR_REQUEST_TIMEOUT_SECONDS",
    doc: "Time allowed for one whole attempt: connecting, sending, and reading the entire answer. An attempt that runs out is retried (up to `maxAttempts`).",
  },
  maxResponseBytes: {
    default: 1048576, min: 1024, max: 67108864, env: "PROCTOR_MAX_RESPONSE_BYTES",
    doc: "Largest answer read from Proctor; a longer one is cut off, and is an error if it was a success.",
  },
} satisfies Record<string, TuningSpec>;

export type Tuning = Record<keyof typeof TUNING_KEYS, number>;

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
  const settings = connectionName === DEFAULT_CONNECTION ? defaultSettings(config, env) : namedSettings(connectionName, config, env);
  const missing = SETTING_KEYS.filter((k) => !settings[k]);
  if (missing.length > 0) {
    throw new Error(`Proctor connection "${connectionName}" is missing ${missing.join(", ")}: ${howToSet(connectionName, missing)}`);
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

const SETTING_KEYS = ["url", "integrationName", "jwtSecret"] as const;
type SettingKey = (typeof SETTING_KEYS)[number];
const ENV_SUFFIX: Record<SettingKey, string> = { url: "URL", integrationName: "INTEGRATION_NAME", jwtSecret: "JWT_SECRET" };

/** `PROCTOR_URL` for the default connection, `PROCTOR_<NAME>_URL` for a named one. */
function envVariable(name: string, key: SettingKey): string {
  const prefix = name === DEFAULT_CONNECTION ? "PROCTOR_" : `PROCTOR_${name.toUpperCase().replace(/-/g, "_")}_`;
  return `${prefix}${ENV_SUFFIX[key]}`;
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
      throw new Error("proctor:connections must be an object of connections; set it with pulumi config set --path");
    }
    const entry = (parsed as Record<string, unknown> | null)?.[name];
    if (entry !== undefined && (typeof entry !== "object" || entry === null)) {
      throw new Error(`proctor:connections.${name} must be an object with url, integrationName and jwtSecret`);
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
    throw new Error(`Proctor connection "${name}": url "${shown}" is not a URL; write e.g. https://proctor.example.org`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`Proctor connection "${name}": url must start with https:// (got ${url.protocol})`);
  }
  const base = url.origin + url.pathname.replace(/\/+$/, "");
  if (url.username !== "" || url.password !== "") {
    throw new Error(
      `Proctor connection "${name}": url must not hold a user name or password (Proctor authenticates with the signed token); ` +
        `write it as ${base} and store the secret with ${howToSet(name, ["jwtSecret"])}`,
    );
  }
  // An empty "?" or "#" is still there in href; neither can occur in the path, where it would be escaped.
  if (/[?#]/.test(url.href)) {
    throw new Error(`Proctor connection "${name}": url must not have a query (?…) or fragment (#…), the client adds the API path itself; write it as ${base}`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === "http:" && !loopback) {
    throw new Error(`Proctor connection "${name}": url ${url.origin} uses plain http, which would expose the signed token; use https (http is allowed only on loopback)`);
  }
  return base;
}

function resolveTuning(config: ConfigSource, env: NodeJS.ProcessEnv): Tuning {
  const tuning = {} as Tuning;
  for (const [key, spec] of Object.entries(TUNING_KEYS) as [keyof Tuning, TuningSpec][]) {
    const raw = config(`proctor:${key}`) ?? env[spec.env];
    if (raw === undefined || raw === "") {
      tuning[key] = spec.default;
      continue;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new Error(`proctor:${key} must be a whole number from ${spec.min} to ${spec.max} (got "${raw}")`);
    }
    tuning[key] = value;
  }
  return tuning;
}
