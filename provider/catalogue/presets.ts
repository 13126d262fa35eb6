import { NOT_IN_PRESETS } from "./format";
import type { Level } from "./merge";
import type { CatalogueProblem, Location } from "./problems";
import { nearest } from "../nearest";
import { isRecord } from "../record";
import { show } from "../show";

/** A file's presets by name, each a level of its own written at `presets.<name>`. */
export type Presets = ReadonlyMap<string, Level>;

/**
 * Reads a catalogue's `presets:` mapping. Keys that are not exam fields are
 * reported with `unknownKey`'s reason; keys a preset may not hold with why.
 */
export function readPresets(value: unknown, top: Location, examKeys: ReadonlySet<string>, unknownKey: (key: string) => string, problems: CatalogueProblem[]): Presets {
  const presets = new Map<string, Level>();
  if (value === undefined) return presets;
  if (!isRecord(value)) {
    problems.push({ at: top, field: "presets", reason: `must be a mapping of preset names to exam fields (got ${show(value, "a mapping")})` });
    return presets;
  }
  for (const [name, bundle] of Object.entries(value)) {
    const at: Location = { file: top.file, path: `presets.${name}` };
    if (!isRecord(bundle)) {
      problems.push({ at, reason: `a preset must be a mapping of exam fields (got ${show(bundle, "a mapping")})` });
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(bundle)) {
      if (field === undefined) continue;
      const refused = NOT_IN_PRESETS[key];
      if (refused !== undefined) problems.push({ at, field: key, onKey: true, reason: `not allowed in a preset: ${refused}` });
      else if (examKeys.has(key)) fields[key] = field;
      else problems.push({ at, field: key, onKey: true, reason: unknownKey(key) });
    }
    presets.set(name, { at, fields });
  }
  return presets;
}

/** Why a level's `preset:` names nothing, with the nearest defined name when one is close. */
export function unknownPresetReason(name: string, presets: Presets): string {
  const names = [...presets.keys()];
  if (names.length === 0) return `unknown preset ${JSON.stringify(name)}: this catalogue defines no presets (define them under \`presets:\` at its top level)`;
  const suggestion = nearest(name, names);
  const hint = suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
  return `unknown preset ${JSON.stringify(name)}${hint} (defined: ${names.join(", ")})`;
}
