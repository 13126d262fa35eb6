import { randomBytes } from "node:crypto";
import { rmSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/**
 * A hidden file beside `file` (same directory, so the rename stays on one file
 * system), with its extension, which decides how a catalogue is read.
 */
function temporaryBeside(file: string): string {
  const extension = path.extname(file);
  return path.join(path.dirname(file), `.${path.basename(file, extension)}.${randomBytes(4).toString("hex")}.tmp${extension}`);
}

/**
 * Writes `text` to a temporary file, lets `check` refuse it (by throwing), then
 * renames it over `file`: a reader sees the old file or the whole new one,
 * never half of it, and a refused or failed write leaves nothing behind.
 */
export function writeAtomically(file: string, text: string, check: (written: string) => void = () => {}): void {
  const temporary = temporaryBeside(file);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    check(temporary);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
