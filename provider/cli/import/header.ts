import { existsSync } from "node:fs";
import * as path from "node:path";
import { plural } from "../args";

/**
 * What JSON.stringify leaves as it is but YAML 1.1 (NEL, LS, PS), an editor or a
 * terminal reads as a line break or a control: DEL and the C1 controls, the line
 * and paragraph separators, and format characters (bidi overrides, zero-width).
 */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/**
 * `text` as a JSON string with every control and line break escaped (`\n`,
 * `\u2028`), so a file name inside a comment cannot end the comment and start
 * YAML of its own: an export named "x\nrules: {...}\n#.csv" would otherwise set
 * rules for every exam.
 */
export function commentString(text: string): string {
  // A format character beyond U+FFFF (a tag character) is two UTF-16 units: each is written, as JSON writes a pair.
  const unit = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;
  return JSON.stringify(text).replace(UNESCAPED_BY_JSON, (character) => character.split("").map((c) => unit(c.charCodeAt(0))).join(""));
}

/**
 * The path from the catalogue's folder to the schema of the nearest installed
 * pulumi-proctor, for editors. Made of ".." steps and the fixed path below only,
 * never of a folder's name, so it needs no escaping (a test holds a folder named
 * with a line break to that).
 */
function schemaReference(out: string): string {
  const relative = "node_modules/pulumi-proctor/schema/catalogue.schema.json";
  for (let dir = path.dirname(path.resolve(out)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, relative))) return path.relative(path.dirname(path.resolve(out)), path.join(dir, relative)).replace(/^(?!\.)/, "./");
    if (path.dirname(dir) === dir) return `./${relative}`;
  }
}

/** The comment lines an imported catalogue starts with: the editor's schema, where it came from. */
export function importHeader(source: string, out: string, exams: number): string {
  return [
    `# yaml-language-server: $schema=${schemaReference(out)}`,
    `# Imported from ${commentString(path.basename(source))} by \`pulumi-proctor import\`: ${plural(exams, "exam")}.`,
    "# Values every exam of an account or course shares are written once, at that level.",
  ].join("\n");
}
