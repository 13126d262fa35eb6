import { ConfigError } from "../errors";
import type { Place } from "../exam/plan";
import { resolveConnection, type ConfigSource, type Connection } from "./connection";

/**
 * Finds the configured connection that reaches the place a state says an exam
 * lives. A delete must act there, whatever today's config says: after
 * `proctor:url` moved to another server, the old exam is still on the old one,
 * and a close sent to the new one would create a closed copy there instead.
 */
export function connectionToPlace(
  examId: string,
  place: Place,
  preferred: string | undefined,
  config: ConfigSource,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  for (const name of candidateNames(preferred, config)) {
    let connection: Connection;
    try {
      connection = resolveConnection(name, config, env);
    } catch {
      continue; // An incomplete connection cannot be the one that reaches this place.
    }
    if (connection.url === place.url && connection.integrationName === place.integrationName) return connection;
  }
  throw new ConfigError(
    "CONFIG_NO_CONNECTION",
    `exam "${examId}" lives in integration "${place.integrationName}" at ${place.url}, and no configured Proctor connection points there, ` +
      `so its deletionPolicy "close" cannot be carried out. Either configure a connection to it ` +
      `(pulumi config set --path 'proctor:connections.<name>.url' ${place.url}, .integrationName and --secret .jwtSecret), ` +
      `or set deletionPolicy: "retain" on the exam and run pulumi up before removing it (the exam then stays as it is in Proctor).`,
  );
}

/** The exam's own connection first, then the default, then every named connection in `proctor:connections`. */
function candidateNames(preferred: string | undefined, config: ConfigSource): (string | undefined)[] {
  const names: (string | undefined)[] = [preferred, undefined];
  const raw = config("proctor:connections");
  if (raw !== undefined) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "object" && parsed !== null) names.push(...Object.keys(parsed));
    } catch {
      // resolveConnection reports a malformed proctor:connections for the exam's own connection.
    }
  }
  return [...new Set(names)];
}
