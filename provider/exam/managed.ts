import type { Place } from "./plan";

/**
 * The exams this provider process upserted during the current deployment.
 *
 * The engine runs one provider process per deployment and deletes removed
 * resources only after it has created their successors. A rename (or a
 * replacement that keeps the examId) therefore upserts the exam under its new
 * resource first, then deletes the old resource: without this memory, a
 * "close" delete would end the window of the exam that is still declared.
 */


const upserted = new Set<string>();

function key(place: Place, examId: string): string {
  return JSON.stringify([place.url, place.integrationName, examId]);
}

export function rememberUpsert(place: Place, examId: string): void {
  upserted.add(key(place, examId));
}

/** True when a resource of this deployment created or updated this very exam. */
export function upsertedInThisDeployment(place: Place, examId: string): boolean {
  return upserted.has(key(place, examId));
}
