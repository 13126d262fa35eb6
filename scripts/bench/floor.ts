import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT } from "../lib/pulumi-stack";
import { NOOP_PACKAGE } from "./noop/installed";

/**
 * Installs the floor's no-op provider as a package under node_modules, the way
 * scripts/toolchain/setup.sh installs pulumi-proctor, so both stacks store a serialized
 * provider that is one require() and load it the same way. Returns the uninstall.
 */
export async function installFloorProvider(): Promise<() => Promise<void>> {
  const dir = path.join(REPO_ROOT, "node_modules", NOOP_PACKAGE);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: NOOP_PACKAGE, version: "0.0.0", main: "provider.js" }));
  await cp(path.join(REPO_ROOT, "dist", "scripts", "bench", "noop", "provider.js"), path.join(dir, "provider.js"));
  return () => rm(dir, { recursive: true, force: true });
}
