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
/** The exams some resource of this deployment declares, from check(): the engine checks every resource the program registers. */
const declared = new Set<string>();
let lastDeclaredAt = 0;

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

export function rememberDeclared(place: Place, examId: string): void {
  declared.add(key(place, examId));
  lastDeclaredAt = Date.now();
}

/**
 * True when a resource of this deployment upserted or declares this exam. The
 * declarations are complete only once the program has registered everything:
 * see registrationSettled.
 */
export function managedInThisDeployment(place: Place, examId: string): boolean {
  return upserted.has(key(place, examId)) || declared.has(key(place, examId));
}

/** How long no check() must have arrived before the program's registrations are taken as complete. */
const QUIET_MS = 1000;

/**
 * Settles once no resource has been checked for QUIET_MS. A course-level
 * resource decides whether an exam it no longer holds is closed only then: the
 * exam may have moved to a course registered after it, whose update the engine
 * may run later. A program registers a catalogue's resources in one go, so a
 * second of silence is far more than the engine needs between them.
 */
export async function registrationSettled(): Promise<void> {
  for (let wait = QUIET_MS - (Date.now() - lastDeclaredAt); wait > 0; wait = QUIET_MS - (Date.now() - lastDeclaredAt)) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
