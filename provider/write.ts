import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import * as path from "node:path";

/**
 * Writes a whole file or nothing: into a temporary file beside it, then renamed
 * over it, so a crash or a full disk never leaves half a catalogue behind. With
 * `overwrite: false` an existing file is refused (EEXIST), checked at the rename
 * itself so nothing written in between is lost.
 */
export function writeFileAtomic(file: string, text: string, options: { overwrite: boolean }): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temp, "wx");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // A hard link fails if the target exists, where a rename would replace it.
    if (options.overwrite) renameSync(temp, file);
    else linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
