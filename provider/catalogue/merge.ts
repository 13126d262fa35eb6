import type { Location } from "./problems";
import { MERGED_SECTIONS } from "./format";
import { isRecord } from "../record";

/** One level of the catalogue above (or at) an exam: where it is written and the exam fields it sets. */
export interface Level {
  at: Location;
  fields: Record<string, unknown>;
  /** The share this level names: not an exam field, so not merged; the nearest level's wins. */
  share?: string;
}

export interface MergedExam {
  args: Record<string, unknown>;
  /**
   * Where each value was written, by field (`startDate`) and by section key
   * (`rules.allow_to_use_paper`), so an error can point at the level to fix
   * rather than at every exam that inherits it.
   */
  origins: Map<string, Location>;
}

const SECTIONS: ReadonlySet<string> = new Set(MERGED_SECTIONS);

/** Applies the levels from the widest (first) to the exam itself (last). */
export function mergeLevels(levels: readonly Level[]): MergedExam {
  const args: Record<string, unknown> = {};
  const origins = new Map<string, Location>();
  for (const { at, fields } of levels) {
    for (const [key, value] of Object.entries(fields)) {
      const before = args[key];
      const merge = SECTIONS.has(key) && isRecord(value) && isRecord(before);
      if (!merge) {
        for (const path of origins.keys()) if (path.startsWith(`${key}.`)) origins.delete(path);
        origins.set(key, at);
      }
      args[key] = merge ? { ...before, ...value } : value;
      if (SECTIONS.has(key) && isRecord(value)) for (const sub of Object.keys(value)) origins.set(`${key}.${sub}`, at);
    }
  }
  // Exams must not share objects: a program that edits one exam's args must not edit its siblings'.
  return { args: structuredClone(args), origins };
}

/** Where the value at a failure's property path (`rules.x`, `desktopAppAllowedProcesses[2]`) was written. */
export function originOf(merged: MergedExam, property: string): Location | undefined {
  const exact = merged.origins.get(property);
  if (exact) return exact;
  const section = /^([^.[]+)\.([^.[]+)/.exec(property);
  if (section) {
    const sub = merged.origins.get(`${section[1]}.${section[2]}`);
    if (sub) return sub;
  }
  return merged.origins.get(property.split(/[.[]/)[0]);
}
