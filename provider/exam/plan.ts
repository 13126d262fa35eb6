import { API_FIELDS, UNKNOWN } from "./schema";

/**
 * What a deployment does to each exam, decided in one place. The provider acts
 * on these decisions (lifecycle.ts); the review and the policy pack render them
 * from a preview's old and new inputs. Neither keeps a rule of its own, so a
 * reviewer reads what `pulumi up` will do. Pure: no Pulumi, no network.
 *
 * A reader that cannot see a value deciding a fate (a preview masks secrets as
 * "[secret]", and shows values computed during the update as unknown) passes
 * what it saw; the plan then assumes the riskier fate and says why.
 */

/** Where an exam lives: the same examId in another integration is another exam. */
export interface Place {
  url: string;
  integrationName: string;
}

/**
 * What happens to one exam.
 * - create: one upsert; Proctor answers 201, or 200 when the examId exists (adopt).
 * - adopt: a create of an exam the same deployment stops managing under another resource (a rename without an alias, a move between courses).
 * - update: one upsert with the new values.
 * - nothing: only resource options (or the provider's code) changed, or another resource hands the exam over unchanged; nothing is sent.
 * - replace: the exam's identity changed: the new exam is upserted; the old one has its own removal fate.
 * - close: removed, deletionPolicy "close": one upsert that ends its window now.
 * - retain: removed, deletionPolicy "retain": nothing is sent, the exam stays open in Proctor.
 * - kept: removed, but another resource of the same deployment upserts this very exam: a close is skipped.
 */
export type Fate = "create" | "adopt" | "update" | "nothing" | "replace" | "close" | "retain" | "kept";

/** The fates of an exam a resource stops declaring. */
export type RemovalFate = Extract<Fate, "close" | "retain" | "kept">;

/** Why a fate is assumed rather than known: the reader could not see a value that decides it. */
export type Unseen = string;

/** A value the reader saw masked as a secret. */
export const MASKED = "[secret]";

/** The identity fields whose change makes another exam, and the connection's place. */
export type ReplaceReason = "examId" | "accountId" | "connection";

/** Upserts each fate sends to Proctor. */
export const REQUESTS: Record<Fate, number> = { create: 1, adopt: 1, update: 1, nothing: 0, replace: 1, close: 1, retain: 0, kept: 0 };

/** True when a reader cannot know the value (masked secret, or computed during the update). */
export function isHidden(value: unknown): boolean {
  return value === MASKED || value === UNKNOWN;
}

/**
 * The fate of an exam no resource declares any more.
 * `stillManaged`: whether another resource of the deployment upserts the same
 * exam (same place and examId); `undefined` when the reader cannot tell.
 * A close is never assumed away: an unknown policy or an unknown successor means "close".
 */
export function removal(deletionPolicy: unknown, stillManaged: boolean | undefined): { fate: RemovalFate; unseen: Unseen[] } {
  if (stillManaged === true) return { fate: "kept", unseen: [] };
  if (deletionPolicy === MASKED) return { fate: "close", unseen: ["deletionPolicy is secret"] };
  if (deletionPolicy === UNKNOWN) return { fate: "close", unseen: ["deletionPolicy is not known until the update runs"] };
  if (deletionPolicy !== "close") return { fate: "retain", unseen: [] };
  return { fate: "close", unseen: stillManaged === undefined ? ["whether another resource takes this exam over is not visible"] : [] };
}

/** The top-level fields whose values differ between two specs (by their JSON). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !key.startsWith("__") && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

const API = new Set<string>(API_FIELDS);

/** An exam that stays under the same resource and identity: an upsert only when a field Proctor holds changed. */
export function edit(changed: readonly string[]): Extract<Fate, "update" | "nothing"> {
  return changed.some((field) => API.has(field.split(".")[0])) ? "update" : "nothing";
}

/**
 * The fate of an exam a resource starts declaring: a new Exam, or an exam
 * added to a course's resource. `takenOver`: a resource of the same deployment
 * stops declaring this very exam (same place and examId: a rename without an
 * alias, a move between courses, a switch of granularity). It is still one
 * upsert, an adoption: the acting resource cannot see what the other one held
 * (the engine deletes after it creates, and checks other resources while this
 * one runs), so it cannot know that nothing changed.
 */
export function arrival(takenOver: boolean): Extract<Fate, "create" | "adopt"> {
  return takenOver ? "adopt" : "create";
}

/** Why the exam becomes another exam: a changed or not yet known examId/accountId, or a connection that points elsewhere. */
export function replaceReasons(
  before: { examId: unknown; accountId: unknown; place: Place | undefined },
  after: { examId: unknown; accountId: unknown; place: Place | undefined | typeof UNKNOWN },
): ReplaceReason[] {
  const reasons: ReplaceReason[] = (["examId", "accountId"] as const).filter(
    (key) => after[key] === UNKNOWN || String(after[key]) !== String(before[key]),
  );
  const to = after.place;
  if (to !== UNKNOWN && to !== undefined && (to.url !== before.place?.url || to.integrationName !== before.place?.integrationName)) {
    reasons.push("connection");
  }
  return reasons;
}

/**
 * A replacement whose exam moves to another place but keeps its examId deletes
 * the old one first: should both places be one server under two names, the
 * upsert that follows reopens it. Otherwise the engine creates the new exam
 * first, and the old one's close is then skipped when it is the same exam.
 */
export function deleteBeforeReplace(reasons: readonly ReplaceReason[]): boolean {
  return reasons.includes("connection") && !reasons.includes("examId");
}

/** Whether the replaced exam is the very exam the new one upserts (only its accountId changed). */
export function replacementKeepsExam(reasons: readonly ReplaceReason[]): boolean {
  return !reasons.includes("examId") && !reasons.includes("connection");
}

/** The upsert body of an exam whose window ends at `now`: no new session can start. */
export function closedWindow(exam: { startDate?: unknown }, now: Date): { endDate: string; startDate?: string } {
  const instant = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
  return Date.parse(String(exam.startDate)) > Date.parse(instant) ? { startDate: instant, endDate: instant } : { endDate: instant };
}
