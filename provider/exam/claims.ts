import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../errors";
import { connectionPlace, placeKey } from "../proctor/connection";

/**
 * One exam declared twice in the program. The endpoint is an upsert keyed by
 * examId within an integration: two resources that reach one integration with
 * one examId would overwrite each other, the last write winning. What counts is
 * where a connection points, not its name: "default" and "mirror" may both
 * reach the same integration.
 */

interface Claim {
  resource: string;
  connection: string;
}

/** Where a connection points: its key among the claims, and how a message names it. */
interface Place {
  key: string;
  text: string;
}

/** The claims of this program run, and each connection's place, read once. Kept per resource monitor, so that each run (and each mocked run in tests) starts empty. */
interface Declarations {
  claims: Map<string, Claim[]>;
  places: Map<string, Place>;
}

const declaredBy = new WeakMap<object, Declarations>();

function declarations(): Declarations {
  const monitor: object = pulumi.runtime.getMonitor() ?? declaredBy;
  let found = declaredBy.get(monitor);
  if (!found) declaredBy.set(monitor, (found = { claims: new Map(), places: new Map() }));
  return found;
}

/**
 * The url and integrationName a connection points at, as the provider will read
 * them: the stack config (`proctor:url`, `proctor:connections.<name>`), then the
 * `PROCTOR_*` variables. A connection that does not say where it points is keyed
 * by its name (the provider refuses it anyway). Its secret is never read out.
 */
function placeOf(connection: string | undefined): Place {
  const name = connection ?? "default";
  const known = declarations().places;
  let place = known.get(name);
  if (!place) {
    const config = pulumi.runtime.allConfig();
    const where = connectionPlace(connection, (key) => config[key]);
    place = { key: placeKey(where, name), text: where ? `on integration "${where.integrationName}" at ${where.url}` : `on connection "${name}"` };
    known.set(name, place);
  }
  return place;
}

let turnEnd: Promise<void> | undefined;

/**
 * Settles once the program's current event-loop turn is over, when every exam
 * it declares at once has claimed its examId. One promise for all of them: a
 * catalogue of a thousand exams waits on one timer, not a thousand.
 */
function endOfTurn(): Promise<void> {
  return (turnEnd ??= new Promise((resolve) =>
    setImmediate(() => {
      turnEnd = undefined;
      resolve();
    }),
  ));
}

function listed(claims: readonly Claim[]): string {
  const names = claims.map((c) => `"${c.resource}" (connection "${c.connection}")`);
  return names.length === 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * The examId input of a resource, held back until the program has declared
 * the exams it declares at once (the rest of the current event-loop turn),
 * and failing when another resource declared the same exam in the same place.
 * Plain values are claimed at construction, so that neither of two duplicates
 * is ever sent; Outputs when they resolve, so that two derived from one
 * resource's output (unknown during preview) are both held back in the update.
 * A plain promise, not an Output, for plain values: the program builds no
 * Output for it, which a large catalogue would pay for in memory and time.
 */
export function claimed(
  name: string,
  examId: pulumi.Input<string | number>,
  connection: pulumi.Input<string | undefined>,
): pulumi.Input<string | number> {
  const keyOf = (id: string, where: string | undefined) => JSON.stringify([placeOf(where).key, id]);
  const claim = (id: string, where: string | undefined) => {
    const { claims } = declarations();
    const key = keyOf(id, where);
    claims.set(key, [...(claims.get(key) ?? []), { resource: name, connection: where ?? "default" }]);
  };
  const verified = (id: string | number, where: string | undefined): string | number => {
    const claims = declarations().claims.get(keyOf(String(id), where)) ?? [];
    if (claims.length > 1) {
      throw new ValidationError(
        "VALIDATION",
        `exam "${id}" is declared ${claims.length === 2 ? "twice" : `${claims.length} times`} ${placeOf(where).text}, by resources ${listed(claims)}; ` +
          "the API is an upsert keyed by examId, so they would overwrite each other. Nothing was sent for them. " +
          "Give each exam its own examId, or declare it once.",
      );
    }
    return id;
  };
  if (!isAsync(examId) && !isAsync(connection)) {
    const [id, where] = [examId as string | number, connection as string | undefined];
    claim(String(id), where);
    return endOfTurn().then(() => verified(id, where));
  }
  return pulumi.all([examId, connection]).apply(async ([id, where]) => {
    claim(String(id), where);
    await endOfTurn();
    return verified(id, where);
  });
}

function isAsync(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || typeof (value as { then?: unknown } | undefined)?.then === "function";
}
