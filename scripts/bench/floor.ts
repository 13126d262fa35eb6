import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT } from "../lib/pulumi-stack";
import { NOOP_PACKAGES } from "./noop/installed";

/** Where each no-op provider's compiled module is, under dist/scripts/bench/noop. */
const MODULES: Record<keyof typeof NOOP_PACKAGES, string> = { exam: "provider.js", course: path.join("course", "provider.js") };

/**
 * Installs the no-op providers (the per-exam floor and the course-level limit)
 * as packages under node_modules, the way scripts/toolchain/setup.sh installs
 * pulumi-proctor, so every stack stores a serialized provider that is one
 * require() and loads it the same way. Returns the uninstall.
 */
export async function installFloorProviders(): Promise<() => Promise<void>> {
  const dirs = Object.entries(NOOP_PACKAGES).map(([kind, name]) => ({ dir: path.join(REPO_ROOT, "node_modules", name), name, module: MODULES[kind as keyof typeof MODULES] }));
  for (const { dir, name, module } of dirs) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", main: "provider.js" }));
    await cp(path.join(REPO_ROOT, "dist", "scripts", "bench", "noop", module), path.join(dir, "provider.js"));
  }
  return async () => {
    for (const { dir } of dirs) await rm(dir, { recursive: true, force: true });
  };
}
