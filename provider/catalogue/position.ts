import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import type { Position } from "./problems";

/**
 * Where a problem is written: the entry's path (`accounts[0].exams[2]`), the
 * field within it (`rules.allow_to_use_papr`, `desktopAppAllowedProcesses[2]`),
 * and whether the key itself is at fault rather than its value.
 */
export type Locate = (entry: string, field?: string, onKey?: boolean) => Position | undefined;

/** `accounts[0].exams[2]` as keys and indexes. */
function steps(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));
}

interface Found {
  node: Node;
  key?: Node;
}

function child(doc: Document, parent: Node, step: string | number): Found | undefined {
  const node = isAlias(parent) ? parent.resolve(doc) : parent;
  if (typeof step === "number") {
    const item = isSeq(node) ? node.items[step] : undefined;
    return item === undefined || item === null ? undefined : { node: item as Node };
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== step) continue;
    return { node: (pair.value ?? pair.key) as Node, key: pair.key };
  }
  return undefined;
}

/**
 * The line and column of a problem in a parsed YAML document: of the key when
 * the key is at fault, else of the value; of the nearest enclosing entry when
 * the value is missing (a required field). A field is tried as one key first,
 * since an unknown key may itself contain dots.
 */
export function positionIn(doc: Document, where: (offset: number) => Position, entry: string, field?: string, onKey = false): Position | undefined {
  if (doc.contents === null) return undefined;
  const at = (node: Node) => (node.range ? where(node.range[0]) : undefined);
  let found: Found = { node: doc.contents };
  const walk = (path: (string | number)[]): boolean => {
    for (const step of path) {
      const next = child(doc, found.node, step);
      if (next === undefined) return false;
      found = next;
    }
    return true;
  };
  if (!walk(steps(entry))) return at(found.node);
  if (field !== undefined) {
    const entryNode = found;
    const whole = child(doc, found.node, field);
    if (whole !== undefined) found = whole;
    else {
      found = entryNode;
      if (!walk(steps(field))) return at(found.node);
    }
  }
  return at(onKey && found.key !== undefined ? found.key : found.node);
}
