// A JSON file that survives crashes: each save writes a temporary file in the same
// directory, flushes it to disk and renames it over the old one, so a reader sees either
// the previous snapshot or the new one, never a torn file.

import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export class AtomicJsonFile {
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly snapshot: () => unknown,
  ) {}

  /** The parsed file, or undefined when it does not exist yet. */
  async read(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`${this.path} is not valid JSON: ${(error as Error).message}`);
    }
  }

  /**
   * Resolves once a snapshot taken after this call is on disk. Writes never overlap, and
   * callers arriving while a write is queued share it, so a burst of changes costs at most
   * one write in flight plus one queued, and the last change always lands last.
   */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return writeAtomically(this.path, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
      });
    this.queued = run;
    this.tail = run;
    return run;
  }

  /** Resolves when no write is pending, whether or not the last one succeeded. */
  idle(): Promise<void> {
    return this.tail.catch(() => undefined);
  }
}

async function writeAtomically(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename itself lives in the directory entry; sync it so it outlasts a power loss.
  const dirHandle = await open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
