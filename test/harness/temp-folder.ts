import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before } from "node:test";

export interface TempFolder {
  /** The folder, made before the enclosing describe's tests and removed after them. */
  readonly dir: string;
}

/** A temporary folder for the enclosing describe's tests: call it inside a describe, which owns its hooks. */
export function tempFolder(prefix: string): TempFolder {
  let dir = "";
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
  };
}
