import { readFileSync } from "node:fs";
import * as path from "node:path";
import { FAILSAFE_SCHEMA, Type, YAMLException, load } from "js-yaml";
import { MAX_DEPTH, TOO_DEEP } from "./bounds";
import type { CatalogueProblem } from "./problems";

/** A parsed catalogue and the name it is reported under. */
export interface CatalogueSource {
  file: string;
  document: unknown;
}

/**
 * YAML's own number rules would turn `examId: 00123` into 123 and `0x1F` into
 * 31, silently renaming exams, and its default schema makes dates Date objects.
 * Here only plain decimals (`120`, `1.5`, `-3`) are numbers, and only the YAML
 * 1.2 spellings of null and booleans are those; anything else stays the text
 * it was written as.
 */
function scalar(tag: string, pattern: RegExp, construct: (data: string) => unknown, predicate: (value: unknown) => boolean): Type {
  return new Type(tag, {
    kind: "scalar",
    resolve: (data: string | null) => pattern.test(data ?? ""),
    construct: (data: string | null) => construct(data ?? ""),
    predicate,
    represent: (value: object) => String(value),
  });
}

let yamlSchema: ReturnType<typeof FAILSAFE_SCHEMA.extend> | undefined;

function catalogueYamlSchema(): ReturnType<typeof FAILSAFE_SCHEMA.extend> {
  const isNumber = (value: unknown) => typeof value === "number";
  return (yamlSchema ??= FAILSAFE_SCHEMA.extend({
    implicit: [
      scalar("tag:yaml.org,2002:null", /^(?:~|null|Null|NULL)?$/, () => null, (value) => value === null),
      scalar("tag:yaml.org,2002:bool", /^(?:true|True|TRUE|false|False|FALSE)$/, (data) => data.toLowerCase() === "true", (value) => typeof value === "boolean"),
      scalar("tag:yaml.org,2002:int", /^-?(?:0|[1-9][0-9]*)$/, Number, isNumber),
      scalar("tag:yaml.org,2002:float", /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/, Number, isNumber),
    ],
  }));
}

/** How a file is named in messages: relative to the working directory (the Pulumi project) when inside it. */
export function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative;
}

/** Parses catalogue text: JSON for `.json` files, YAML (a superset of JSON) for anything else. */
export function parseCatalogueText(text: string, file: string): unknown {
  if (file.toLowerCase().endsWith(".json")) return JSON.parse(text) as unknown;
  // js-yaml (4.3 and later; @types/js-yaml does not know the option yet) counts
  // a scalar as a level too: MAX_DEPTH lists and mappings, then their values.
  const options = { filename: file, schema: catalogueYamlSchema(), maxDepth: MAX_DEPTH + 1 };
  return load(text, options);
}

/** One line: js-yaml's own message adds a multi-line excerpt of the file. */
function parseError(error: unknown, kind: string): string {
  if (!(error instanceof YAMLException && error.mark)) return `not valid ${kind}: ${(error as Error).message}`;
  const where = `at line ${error.mark.line + 1}, column ${error.mark.column + 1}`;
  // Valid YAML, refused before it is built; said as for any other document.
  if (error.reason.startsWith("nesting exceeded maxDepth")) return `${TOO_DEEP} (${where})`;
  return `not valid ${kind}: ${error.reason} ${where}`;
}

/** Reads one catalogue file; relative paths resolve from `cwd`, the Pulumi project directory when a program runs. */
export function readCatalogueFile(file: string, cwd: string = process.cwd()): CatalogueSource | CatalogueProblem {
  const name = displayName(file, cwd);
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? `file not found (resolved from ${cwd})` : `cannot read the file: ${(error as Error).message}`;
    return { at: { file: name, path: "" }, reason };
  }
  try {
    return { file: name, document: parseCatalogueText(text, name) };
  } catch (error) {
    return { at: { file: name, path: "" }, reason: parseError(error, name.toLowerCase().endsWith(".json") ? "JSON" : "YAML") };
  }
}
