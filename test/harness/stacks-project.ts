import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach } from "node:test";
import { REPO_ROOT } from "../../scripts/lib/pulumi-stack";

export interface StacksProjects {
  /** A copy of examples/stacks (two stacks, sciences and humanities, one integration), with files replaced or added. */
  project(files?: Record<string, string>): Promise<string>;
  /** An empty folder: no project in it. */
  folder(): Promise<string>;
}

/** Folders for `lint --stacks`, each removed after its test: call it inside a describe, which owns the hook. */
export function stacksProjects(): StacksProjects {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const folder = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lint-stacks-"));
    dirs.push(dir);
    return dir;
  };
  return {
    folder,
    async project(files = {}) {
      const dir = await folder();
      await cp(path.join(REPO_ROOT, "examples", "stacks"), dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
      return dir;
    },
  };
}
