/**
 * The package names under which the bench installs the no-op providers in
 * node_modules (floor.ts). Pulumi serializes a module found under node_modules
 * as `require("<name>")`, as it does pulumi-proctor's providers; a local module
 * would be inlined instead, and the floor would then pay for a different
 * serialized text.
 */
export const NOOP_PACKAGES = {
  /** ./provider.js: the per-exam floor. */
  exam: "pulumi-proctor-noop",
  /** ./course/provider.js: the course-level limit. */
  course: "pulumi-proctor-noop-course",
} as const;

export function installedProvider<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    throw new Error(`${name} is not installed under node_modules; run this program through npm run bench (${(error as Error).message})`);
  }
}
