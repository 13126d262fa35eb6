/**
 * Where and how the provider talks to Proctor: a connection resolved from the
 * decoded stack config (config.ts), falling back to `PROCTOR_*` environment
 * variables. Resolved in the provider process, never captured into state, so
 * the JWT secret never lands there.
 */
import { ConfigError } from "../errors";
import type { Place } from "../exam/plan";
import { decodeConfig, decodeConnections, SETTING_KEYS, upperSnake, type ConfigSource, type ConfiguredConnections, type ConnectionSettings, type ProviderConfig, type SettingKey, type Tuning } from "./config";

export interface Connection {
  /** "default", or the name a resource gave in its `connection` argument. */
  name: string;
  url: string;
  integrationName: string;
  jwtSecret: string;
  tuning: Tuning;
}

const DEFAULT_CONNECTION = "default";

/** Resolves the connection a resource names, or throws an error that says exactly what to set. */
export function connectionOf(name: string | undefined, config: ProviderConfig, env: NodeJS.ProcessEnv = process.env): Connection {
  const connectionName = name ?? DEFAULT_CONNECTION;
  const settings = settingsOf(connectionName, config.connections, env);
  const missing = SETTING_KEYS.filter((k) => !settings[k]);
  if (missing.length > 0) {
    throw new ConfigError("CONFIG_MISSING", `Proctor connection "${connectionName}" is missing ${missing.join(", ")}: ${howToSet(connectionName, missing)}`);
  }
  return {
    name: connectionName,
    url: checkUrl(connectionName, settings.url!),
    integrationName: settings.integrationName!,
    jwtSecret: settings.jwtSecret!,
    tuning: config.tuning,
  };
}

/** The connection a resource names, from a stack config not decoded yet (a script's or a test's). */
export function resolveConnection(name: string | undefined, config: ConfigSource, env: NodeJS.ProcessEnv = process.env): Connection {
  return connectionOf(name, decodeConfig(config, env), env);
}

/** The names a stack config can resolve without a resource naming one: the default, then each of `proctor:connections`. */
export function configuredNames(connections: ConfiguredConnections): (string | undefined)[] {
  return [undefined, ...Object.keys(connections.named)];
}

/**
 * Where a connection points, without its secret: for telling apart connections
 * that reach the same integration under different names. Undefined when the
 * url or integrationName is missing or unusable.
 */
export function placeOf(name: string | undefined, connections: ConfiguredConnections, env: NodeJS.ProcessEnv = process.env): Place | undefined {
  const connectionName = name ?? DEFAULT_CONNECTION;
  const { url, integrationName } = settingsOf(connectionName, connections, env);
  try {
    return url && integrationName ? { url: checkUrl(connectionName, url), integrationName } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the connections of a stack config point (their url and integrationName,
 * never their secret), or undefined when that is malformed: for readers that
 * must not fail (the program's guard, the policy pack, the stacks check).
 */
export function connectionsIfValid(config: ConfigSource): ConfiguredConnections | undefined {
  try {
    return decodeConnections(config, ["url", "integrationName"]);
  } catch {
    return undefined;
  }
}

/**
 * Where a connection's exams go, as a key: its url and integrationName, so that two
 * names for one integration share a key; its name when where it points cannot be read.
 * What the program's guard and the policy pack key an examId's uniqueness by.
 */
export function placeKey(place: Place | undefined, connectionName: string): string {
  return JSON.stringify(place ? [place.url, place.integrationName] : ["connection", connectionName]);
}

/** Where a connection points, from a stack config not decoded yet (the program process); undefined when unknown or malformed. */
export function connectionPlace(name: string | undefined, config: ConfigSource, env: NodeJS.ProcessEnv = process.env): Place | undefined {
  const connections = connectionsIfValid(config);
  return connections && placeOf(name, connections, env);
}

/** `PROCTOR_URL` for the default connection, `PROCTOR_<NAME>_URL` for a named one. */
function envVariable(name: string, key: SettingKey): string {
  const prefix = name === DEFAULT_CONNECTION ? "PROCTOR_" : `PROCTOR_${name.toUpperCase().replace(/-/g, "_")}_`;
  return `${prefix}${upperSnake(key)}`;
}

/** Config values where set, else the environment: the default connection's `proctor:<key>`, a named one's in `proctor:connections`. */
function settingsOf(name: string, connections: ConfiguredConnections, env: NodeJS.ProcessEnv): ConnectionSettings {
  const none: ConnectionSettings = {};
  const fromConfig = name === DEFAULT_CONNECTION ? connections.default : Object.hasOwn(connections.named, name) ? connections.named[name] : none;
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, fromConfig[key] ?? (env[envVariable(name, key)] || undefined)])) as ConnectionSettings;
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
