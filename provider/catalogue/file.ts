import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Composer, LineCounter, Parser, type CST, type Document, type ScalarTag } from "yaml";
import { MAX_DEPTH, TOO_DEEP } from "./bounds";
import { positionIn, type Locate } from "./position";
import type { CatalogueProblem, Position } from "./problems";

/** A parsed catalogue, the name it is reported under, and (for YAML) where each entry is written. */
export interface CatalogueSource {
  file: string;
  document: unknown;
  locate?: Locate;
}

/**
 * YAML's own number rules would turn `examId: 00123` into 123 and `0x1F` into
 * 31, silently renaming exams, and YAML 1.1 made `yes` a boolean and dates Date
 * objects. Here only plain decimals (`120`, `1.5`, `-3`) are numbers, and only
 * the YAML 1.2 spellings of null and booleans are those; anything else stays
 * the text it was written as. An explicit tag (`!!int 0x1F`) must match too.
 */
function scalar(tag: string, test: RegExp, resolve: (text: string) => unknown): ScalarTag {
  return { tag: `tag:yaml.org,2002:${tag}`, default: true, test, resolve };
}

const CATALOGUE_TAGS: ScalarTag[] = [
  scalar("null", /^(?:~|null|Null|NULL)?$/, () => null),
  scalar("bool", /^(?:true|True|TRUE|false|False|FALSE)$/, (text) => text.toLowerCase() === "true"),
  scalar("int", /^-?(?:0|[1-9][0-9]*)$/, Number),
  scalar("float", /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/, Number),
];

const YAML_OPTIONS = {
  schema: "failsafe",
  customTags: CATALOGUE_TAGS,
  version: "1.2",
  merge: false,
  uniqueKeys: true,
  prettyErrors: false,
  // Aliases stay shared objects here; bounds.ts measures what they expand to.
  maxAliasCount: -1,
} as const;

/** How a file is named in messages: relative to the working directory (the Pulumi project) when inside it. */
export function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative;
}

type Token = CST.Token | CST.CollectionItem["key"];

/**
 * The first collection nested deeper than MAX_DEPTH, by its offset. Walked on
 * the parser's tokens with a list, not recursion, before any node is built:
 * a file of 10,000 brackets costs what it is written, and nothing after it
 * has to walk that deep.
 */
function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  const pending: [Token, number][] = tokens.map((token) => [token, 0]);
  while (pending.length > 0) {
    const [token, depth] = pending.pop()!;
    if (token === undefined || token === null) continue;
    switch (token.type) {
      case "document":
        pending.push([token.value, depth]);
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection":
        if (depth >= MAX_DEPTH) return token.offset;
        for (const item of token.items) pending.push([item.key, depth + 1], [item.value, depth + 1]);
        break;
      default:
        break;
    }
  }
  return undefined;
}

function problemAt(file: string, position: Position, reason: string): CatalogueProblem {
  return { at: { file, path: "" }, position, reason };
}

/**
 * Parses YAML (a superset of JSON) with today's strict scalar rules, keeping
 * where each value is written. Every syntax error is reported, each at its line and column.
 */
function parseYaml(text: string, file: string): CatalogueSource | CatalogueProblem[] {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const where = (offset: number): Position => lines.linePos(offset);
  const deep = tooDeepAt(tokens);
  if (deep !== undefined) return [problemAt(file, where(deep), TOO_DEEP)];
  const documents: Document.Parsed[] = [...new Composer(YAML_OPTIONS).compose(tokens, true, text.length)];
  const errors: { pos: readonly number[]; message: string }[] = documents.flatMap((doc) => [...doc.errors, ...doc.warnings]);
  if (documents.length > 1) {
    errors.push(...documents.slice(1).map((doc) => ({ pos: doc.range, message: "a catalogue file holds one YAML document; split further documents into files of their own" })));
  }
  if (errors.length > 0) return errors.map((error) => problemAt(file, where(error.pos[0]), `not valid YAML: ${error.message}`));
  const doc = documents[0];
  if (doc === undefined) return { file, document: null };
  return { file, document: doc.toJS(YAML_OPTIONS) as unknown, locate: (entry, field, onKey) => positionIn(doc, where, entry, field, onKey) };
}

/** Parses catalogue text: JSON for `.json` files, YAML for anything else. */
export function parseCatalogueText(text: string, file: string): CatalogueSource | CatalogueProblem[] {
  if (!file.toLowerCase().endsWith(".json")) return parseYaml(text, file);
  try {
    return { file, document: JSON.parse(text) as unknown };
  } catch (error) {
    return [{ at: { file, path: "" }, reason: `not valid JSON: ${(error as Error).message}` }];
  }
}

/** Reads one catalogue file; relative paths resolve from `cwd`, the Pulumi project directory when a program runs. */
export function readCatalogueFile(file: string, cwd: string = process.cwd()): CatalogueSource | CatalogueProblem[] {
  const name = displayName(file, cwd);
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? `file not found (resolved from ${cwd})` : `cannot read the file: ${(error as Error).message}`;
    return [{ at: { file: name, path: "" }, reason }];
  }
  return parseCatalogueText(text, name);
}
