import type { CellKind } from "./fields";

const TRUE = /^(?:true|yes|y|1)$/i;
const FALSE = /^(?:false|no|n|0)$/i;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
/** `2027-01-11 08:00 +01:00` and the like: what spreadsheets export, to be written as RFC 3339. */
const LOOSE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function fromText(text: string, kind: CellKind): unknown {
  switch (kind) {
    case "boolean":
      return TRUE.test(text) ? true : FALSE.test(text) ? false : text;
    case "number":
      return DECIMAL.test(text) ? Number(text) : text;
    case "date": {
      const m = LOOSE_DATE_TIME.exec(text);
      // Without an offset it stays without one: the schema then says which to add.
      return m ? `${m[1]}T${m[2]}${m[3] ?? ":00"}${(m[4] ?? "").toUpperCase()}` : text;
    }
    case "list":
      return text.split(";").map((entry) => entry.trim()).filter((entry) => entry !== "");
    case "text":
      return text;
  }
}

/**
 * A cell as the field's value: text of a number, boolean or date column becomes
 * one, a list is written `a.exe; b.exe`. What does not convert stays as it is,
 * for the exam schema to report with the rest. An empty cell sets nothing.
 */
export function cellValue(cell: unknown, kind: CellKind): unknown {
  if (typeof cell !== "string") return cell;
  const text = cell.trim();
  return text === "" ? undefined : fromText(text, kind);
}
