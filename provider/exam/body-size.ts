import { isRecord } from "../record";

/**
 * The most bytes of JSON one exam's upsert may carry. The documented fields
 * take about 2 KB and custom_rules at most 40 KB (10,000 characters of up to
 * four UTF-8 bytes); 256 KiB leaves the rest for long process lists, and stays
 * well below the request limits web servers commonly default to (1 MiB and
 * up), so an exam is refused in preview instead of by a 413 halfway through an
 * update, and no state or preview ever holds megabytes of one exam.
 */
export const MAX_BODY_BYTES = 262_144;

/** A body over the limit, and the field that takes the largest part of it (`rules.custom_rules` within a section). */
export interface Oversize {
  bytes: number;
  path: string[];
  fieldBytes: number;
}

function jsonBytes(value: unknown): number {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
  } catch {
    // A value JSON cannot hold (a bigint, a cycle) fails its field's own type check.
    return 0;
  }
}

interface Measured {
  bytes: number;
  /** The value taking the most bytes: its path (into a section, one level down) and its size. */
  largest?: { path: string[]; bytes: number };
}

/** The JSON size of an object, field by field: the same bytes as JSON.stringify of the whole. */
function measure(fields: Readonly<Record<string, unknown>>, intoSections: boolean): Measured {
  let bytes = 2; // {}
  let largest: Measured["largest"];
  let largestValue = 0;
  let sent = 0;
  for (const [key, value] of Object.entries(fields)) {
    const section = intoSections && isRecord(value) ? measure(value, false) : undefined;
    const valueBytes = section?.bytes ?? jsonBytes(value);
    if (valueBytes === 0) continue; // undefined: left out of the JSON
    bytes += jsonBytes(key) + 1 + valueBytes + (sent++ > 0 ? 1 : 0); // "key":value, commas between
    if (valueBytes <= largestValue) continue;
    largestValue = valueBytes;
    const inner = section?.largest;
    largest = inner === undefined ? { path: [key], bytes: valueBytes } : { path: [key, ...inner.path], bytes: inner.bytes };
  }
  return { bytes, largest };
}

/** `fields` as the JSON object sent, if it is over MAX_BODY_BYTES. */
export function oversizeBody(fields: Readonly<Record<string, unknown>>): Oversize | undefined {
  const { bytes, largest } = measure(fields, true);
  return bytes > MAX_BODY_BYTES && largest !== undefined ? { bytes, path: largest.path, fieldBytes: largest.bytes } : undefined;
}
