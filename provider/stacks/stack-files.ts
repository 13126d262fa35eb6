import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { displayName } from "../catalogue/file";
import { isRecord } from "../record";

/** A config value Pulumi stores encrypted (`{ secure: ... }`): there, but not readable without the stack's secrets provider. */
export const ENCRYPTED = Symbol("encrypted");

/** A config value and the file that sets it (the stack's file, or Pulumi.yaml beneath every stack). */
export interface ConfigValue {
  value: unknown;
  file: string;
}

/** One stack of a project: its stack file (`Pulumi.<stack>.yaml`) over the project file's `config:`. */
export interface StackFile {
  stack: string;
  /** The stack's file as messages name it (relative to the working directory). */
  file: string;
  /** Its config by key (`proctor:url`); ENCRYPTED where Pulumi encrypted the value. */
  config: ReadonlyMap<string, ConfigValue>;
}

export interface Project {
  /** Pulumi.yaml, as messages name it. */
  file: string;
  /** The folder of the stack files, as messages name it. */
  stackDir: string;
  /** The project's own `config:` values, beneath every stack's. */
  config: ReadonlyMap<string, ConfigValue>;
  stacks: StackFile[];
}

export type ProjectStacks = Project | { problem: string };

function yamlOf(file: string): unknown {
  return parse(readFileSync(file, "utf8"));
}

/**
 * The config values a file writes, by key: `{ secure: ... }` is ENCRYPTED; the
 * project file declares a key with `{ value: ... }` or `{ default: ... }`, or
 * only its type (no value then).
 */
function configOf(written: unknown, file: string, inProject: boolean): [string, ConfigValue][] {
  const config = isRecord(written) && isRecord(written.config) ? written.config : {};
  return Object.entries(config).flatMap(([key, value]): [string, ConfigValue][] => {
    if (isRecord(value) && typeof value.secure === "string") return [[key, { value: ENCRYPTED, file }]];
    if (!inProject || !isRecord(value)) return [[key, { value, file }]];
    if ("value" in value) return [[key, { value: value.value, file }]];
    return "default" in value ? [[key, { value: value.default, file }]] : [];
  });
}

/**
 * Every stack file of the Pulumi project in `projectDir` (in its
 * `stackConfigDir`, when Pulumi.yaml names one), the way the CLI finds them
 * from the project file. Reads files only: no backend, no secrets provider.
 */
export function readProjectStacks(projectDir: string, cwd: string = process.cwd()): ProjectStacks {
  const dir = path.resolve(cwd, projectDir);
  const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((name) => path.join(dir, name)).find((file) => existsSync(file));
  if (projectFile === undefined) return { problem: `no Pulumi project in ${displayName(dir, cwd)} (Pulumi.yaml not found)` };
  let project: unknown;
  try {
    project = yamlOf(projectFile);
  } catch (error) {
    return { problem: `${displayName(projectFile, cwd)}: not valid YAML: ${(error as Error).message}` };
  }
  const settings = isRecord(project) ? project : {};
  const projectName = displayName(projectFile, cwd);
  const projectConfig = new Map(configOf(settings, projectName, true));
  const stackDir = typeof settings.stackConfigDir === "string" ? path.resolve(dir, settings.stackConfigDir) : dir;
  const names = existsSync(stackDir) ? readdirSync(stackDir).filter((name) => /^Pulumi\.[^.].*\.ya?ml$/.test(name)).sort() : [];
  const stacks: StackFile[] = [];
  for (const name of names) {
    const file = path.join(stackDir, name);
    let written: unknown;
    try {
      written = yamlOf(file);
    } catch (error) {
      return { problem: `${displayName(file, cwd)}: not valid YAML: ${(error as Error).message}` };
    }
    const shown = displayName(file, cwd);
    const config = new Map([...projectConfig, ...configOf(written, shown, false)]);
    stacks.push({ stack: name.replace(/^Pulumi\.(.+)\.ya?ml$/, "$1"), file: shown, config });
  }
  return { file: projectName, stackDir: displayName(stackDir, cwd), config: projectConfig, stacks };
}
