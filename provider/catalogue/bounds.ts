/**
 * How deep a catalogue document may nest. A real one is about 10 deep
 * (catalogue, accounts, courses, exams, a section, a list); 64 leaves room for
 * any layout, and stops a document built to overflow the stack of whatever
 * walks it next.
 */
export const MAX_DEPTH = 64;

/**
 * YAML aliases, and objects shared in code, make a document larger than what
 * is written: a few kilobytes of nested aliases expand to billions of entries.
 * Every exam is merged and validated as expanded, so expansion is bounded: at
 * most EXPANSION_FACTOR times the entries written, or EXPANSION_FLOOR for a
 * small document. Anchoring full rules, scoreConfig and visibleWarnings into
 * every exam expands it about six-fold, a shared 60-entry process list too
 * about thirteen-fold; 100,000 entries are merged and checked in about 0.15 s.
 */
const EXPANSION_FACTOR = 20;
const EXPANSION_FLOOR = 100_000;

interface Extent {
  /** Entries once every alias is expanded, this one included. */
  expanded: number;
  /** Levels of nesting from this entry down; a scalar has 0. */
  height: number;
}

const SCALAR: Extent = { expanded: 1, height: 0 };

export const TOO_DEEP = `nested deeper than ${MAX_DEPTH} levels`;

/**
 * What makes a parsed document unsafe to walk, if anything: nesting deeper
 * than MAX_DEPTH, a cycle, or aliases that expand beyond the bound. Each shared
 * object is measured once, so the check costs what is written, not what it
 * expands to; and the walk gives up at MAX_DEPTH, so it cannot overflow the stack itself.
 */
export function documentProblem(document: unknown): string | undefined {
  const measured = new Map<object, Extent | "open">();
  let written = 0;

  const visit = (node: unknown, depth: number): Extent | string => {
    written++;
    if (typeof node !== "object" || node === null) return SCALAR;
    const known = measured.get(node);
    if (known === "open") return "refers to itself: an alias or shared object contains itself";
    if (known !== undefined) return depth + known.height > MAX_DEPTH ? TOO_DEEP : known;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    measured.set(node, "open");
    const extent = { expanded: 1, height: 0 };
    for (const child of Object.values(node)) {
      const inner = visit(child, depth + 1);
      if (typeof inner === "string") return inner;
      extent.expanded += inner.expanded;
      extent.height = Math.max(extent.height, inner.height);
    }
    extent.height++;
    measured.set(node, extent);
    return extent;
  };

  const root = visit(document, 0);
  if (typeof root === "string") return root;
  const limit = Math.max(EXPANSION_FLOOR, EXPANSION_FACTOR * written);
  if (root.expanded <= limit) return undefined;
  return `aliases expand to more than ${limit} entries (${written} written): write shared fields once at a wider level (catalogue, account or course) instead`;
}
