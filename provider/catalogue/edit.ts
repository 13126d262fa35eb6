import { isAlias, isMap, isScalar, parseDocument, Scalar, type Document } from "yaml";
import { InternalError } from "../errors";

export type EntryPath = readonly (string | number)[];

/**
 * A catalogue file opened for changing a few values while keeping everything
 * else as written: for YAML its comments, order, quoting and anchors (through
 * the yaml package's Document, every scalar read as text); for JSON its order.
 */
export interface CatalogueEdit {
  /** The document as plain values, every YAML scalar as its text. */
  readonly plain: unknown;
  /**
   * Replaces a scalar. An alias, at the path's end or anywhere along it, is left
   * alone: the value it refers to is changed where it is written.
   */
  set(path: EntryPath, value: string): void;
  /** Sets a top-level key, adding it before the first when it is new. */
  setTop(key: string, value: string): void;
  text(): string;
}

/** Text our YAML reading would take for something other than a string (see file.ts). */
const NOT_TEXT = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)?$/;

/** Sets a scalar's text, quoted where it is (or, a new scalar without a type yet, would be) written plain and would read as another type. */
function yamlScalar(node: Scalar, value: string): void {
  node.value = value;
  if ((node.type ?? Scalar.PLAIN) === Scalar.PLAIN && NOT_TEXT.test(value)) node.type = Scalar.QUOTE_DOUBLE;
}

function yamlEdit(source: string): CatalogueEdit {
  const doc: Document = parseDocument(source, { schema: "failsafe", version: "1.2", merge: false });
  return {
    plain: doc.toJS({ maxAliasCount: -1 }) as unknown,
    set(path, value) {
      // getIn stops at an alias (undefined beyond it), so each step is looked at.
      for (let end = 1; end < path.length; end++) if (isAlias(doc.getIn(path.slice(0, end), true))) return;
      const node = doc.getIn(path, true);
      if (isAlias(node)) return;
      if (isScalar(node)) yamlScalar(node, value);
      else doc.setIn(path, value);
    },
    setTop(key, value) {
      const top = doc.contents;
      if (!isMap(top)) throw new InternalError(`a catalogue that is a list of exams has no ${key}`);
      const existing = top.get(key, true);
      if (isScalar(existing)) return yamlScalar(existing, value);
      const scalar = new Scalar(value);
      yamlScalar(scalar, value);
      const pair = doc.createPair(key, scalar);
      // The file's opening comment stays above everything.
      const first = top.items[0];
      if (first !== undefined && isScalar(first.key)) {
        (pair.key as Scalar).commentBefore = first.key.commentBefore;
        first.key.commentBefore = undefined;
      }
      top.items.unshift(pair);
    },
    text: () => doc.toString({ lineWidth: 0 }),
  };
}

function jsonEdit(source: string): CatalogueEdit {
  let root = JSON.parse(source) as unknown;
  return {
    get plain() {
      return root;
    },
    set(path, value) {
      let node = root as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      node[path[path.length - 1]] = value;
    },
    setTop(key, value) {
      if (typeof root !== "object" || root === null || Array.isArray(root)) throw new InternalError(`a catalogue that is a list of exams has no ${key}`);
      root = key in root ? { ...root, [key]: value } : { [key]: value, ...root };
    },
    text: () => `${JSON.stringify(root, null, 2)}\n`,
  };
}

/** Opens catalogue text for editing: JSON for `.json` files, YAML for anything else, as the loader reads them. */
export function editCatalogue(source: string, file: string): CatalogueEdit {
  return file.toLowerCase().endsWith(".json") ? jsonEdit(source) : yamlEdit(source);
}
