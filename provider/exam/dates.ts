/** RFC 3339 date-times as Proctor wants them: with seconds and an explicit UTC offset. */
import { ValidationError } from "../errors";
import { show } from "../show";

const DATE_AND_TIME = String.raw`(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?`;
const OFFSET = String.raw`(Z|([+-])(\d{2}):?(\d{2}))`;
// The offset is optional here only so that its absence gets a message of its own.
const DATE_TIME = new RegExp(`^${DATE_AND_TIME}${OFFSET}?$`);

/**
 * The shape of an accepted date-time, for editors (the JSON Schema's `pattern`):
 * JSON Schema's `date-time` format would flag `+0300`, which Proctor and the check
 * accept. Ranges (month 13, hour 25) are left to the check.
 */
export const DATE_TIME_PATTERN = `^${DATE_AND_TIME}${OFFSET}$`;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The instant a date-time string denotes, or the reason it denotes none. */
export function parseInstant(text: string): { instant: number } | { problem: string } {
  const m = DATE_TIME.exec(text);
  if (!m) return { problem: `must be an ISO 8601 date-time with a UTC offset, e.g. 2026-03-27T09:00:00Z (got ${show(text)})` };
  if (m[8] === undefined) return { problem: `${show(text)} has no UTC offset; write e.g. ${text}Z` };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  const ranges: [string, number, number, number][] = [
    ["month", month, 1, 12],
    ["day", day, 1, month >= 1 && month <= 12 ? daysInMonth(year, month) : 31],
    ["hour", hour, 0, 23],
    ["minute", minute, 0, 59],
    ["second", second, 0, 59],
    ["offset hours", offsetHours, 0, 23],
    ["offset minutes", offsetMinutes, 0, 59],
  ];
  for (const [part, value, min, max] of ranges) {
    if (value < min || value > max) return { problem: `has ${part} ${value}, outside ${min}–${max} (got ${show(text)})` };
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  const fraction = m[7] === undefined ? 0 : Number(`0${m[7]}`) * 1000;
  const offset = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return { instant: date.getTime() + fraction - offset };
}

/** The instant of a valid, known date-time; undefined for anything else (an unknown included). */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const parsed = parseInstant(value);
  return "instant" in parsed ? parsed.instant : undefined;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const DAY = 86_400_000;

/** Midnight UTC of the date a date-time is written on, plus `days`; a Date so the year may be below 100. */
function writtenDay(m: RegExpExecArray, days = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return date;
}

/**
 * The date-time `days` calendar days later, written in its own UTC offset:
 * only the date changes, so the time, the offset and the spelling stay as
 * written (a fixed offset has no daylight saving time to cross).
 */
export function shiftDays(text: string, days: number): string {
  const m = CALENDAR_DATE.exec(text);
  if (!m) throw new ValidationError("VALIDATION", `not a date-time: ${show(text)}`);
  const date = writtenDay(m, days);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}${text.slice(10)}`;
}

/** Calendar days from the date a date-time is written on (in its own offset) to `date` (YYYY-MM-DD); undefined when `date` is no date. */
export function daysUntil(text: string, date: string): number | undefined {
  const to = CALENDAR_DATE.exec(date);
  const from = CALENDAR_DATE.exec(text);
  if (!to || !from || date.length !== 10 || "problem" in parseInstant(`${date}T00:00:00Z`)) return undefined;
  return Math.round((writtenDay(to).getTime() - writtenDay(from).getTime()) / DAY);
}

/** An instant to the minute in UTC, `2027-01-11 08:00`: how reviews draw and label exam windows. */
export function utcMinute(instant: number): string {
  return new Date(instant).toISOString().slice(0, 16).replace("T", " ");
}
