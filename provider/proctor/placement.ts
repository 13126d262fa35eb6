import { ConfigError } from "../errors";
import type { Place } from "../exam/plan";
import { configuredNames, type Connection } from "./connection";
import type { ProviderConfig } from "./config";

/**
 * Finds the configured connection that reaches the place a state says an exam
 * lives. A delete must act there, whatever today's config says: after
 * `proctor:url` moved to another server, the old exam is still on the old one,
 * and a close sent to the new one would create a closed copy there instead.
 *
 * `resolve` gives a connection by name (the provider's, resolved once each),
 * and throws for one that is incomplete.
 */
export function connectionToPlace(
  examId: string,
  place: Place,
  preferred: string | undefined,
  config: ProviderConfig,
  resolve: (name: string | undefined) => Connection,
): Connection {
  // The exam's own connection first, then the default, then every named one.
  for (const name of new Set([preferred, ...configuredNames(config.connections)])) {
    let connection: Connection;
    try {
      connection = resolve(name);
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
