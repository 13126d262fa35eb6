import { examFields } from "./fields";
import { MERGED_SECTIONS } from "../../catalogue/format";

/** An exam's fields by path: `duration`, `rules.allow_to_use_paper`. */
export type FlatExam = ReadonlyMap<string, unknown>;

type Entry = Record<string, unknown>;

const SECTIONS: ReadonlySet<string> = new Set(MERGED_SECTIONS);

/** The fields, sections as nested objects, in the order of the schema (which is the documented example's). */
function entry(fields: FlatExam): Entry {
  const result: Entry = {};
  for (const path of examFields().keys()) {
    if (!fields.has(path)) continue;
    const [head, key] = path.split(".", 2);
    if (SECTIONS.has(head) && key !== undefined) ((result[head] ??= {}) as Entry)[key] = fields.get(path);
    else result[path] = fields.get(path);
  }
  return result;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields every exam of a group sets to the same value, except those kept lower (`keep`). */
function shared(exams: readonly FlatExam[], keep: ReadonlySet<string>): Map<string, unknown> {
  const [first, ...rest] = exams;
  const common = new Map<string, unknown>();
  for (const [path, value] of first ?? []) {
    if (!keep.has(path) && rest.every((exam) => exam.has(path) && same(exam.get(path), value))) common.set(path, value);
  }
  return common;
}

function groupBy(exams: readonly FlatExam[], path: string): Map<string, FlatExam[]> {
  const groups = new Map<string, FlatExam[]>();
  for (const exam of exams) {
    const key = JSON.stringify(exam.get(path) ?? null);
    groups.set(key, [...(groups.get(key) ?? []), exam]);
  }
  return groups;
}

function without(exam: FlatExam, lifted: ReadonlyMap<string, unknown>): FlatExam {
  return new Map([...exam].filter(([path]) => !lifted.has(path)));
}

/**
 * A catalogue holding exactly these exams, as short as the format allows: they
 * are grouped by accountId, then courseName, and a value every exam of a group
 * shares is written once at that group's level (the widest first; section keys
 * one by one, as they merge). A group of one exam keeps its fields but the
 * ones naming the group (accountName, courseCode): moving the rest would not
 * shorten the file, and an exam reads better with them.
 */
export function liftedCatalogue(exams: readonly FlatExam[]): Entry {
  const lift = (group: readonly FlatExam[], keep: ReadonlySet<string>, names: readonly string[]) => {
    const common = shared(group, keep);
    return group.length > 1 ? common : new Map([...common].filter(([path]) => names.includes(path)));
  };
  const top = lift(exams, new Set(["examId", "accountId", "courseName"]), []);
  const accounts = [...groupBy(exams, "accountId").values()].map((accountExams) => {
    const inAccount = accountExams.map((exam) => without(exam, top));
    const account = lift(inAccount, new Set(["examId", "courseName"]), ["accountId", "accountName"]);
    const courses: Entry[] = [];
    const direct: Entry[] = [];
    for (const [key, courseExams] of groupBy(inAccount.map((exam) => without(exam, account)), "courseName")) {
      if (key === "null") {
        direct.push(...courseExams.map(entry));
        continue;
      }
      const course = lift(courseExams, new Set(["examId"]), ["courseName", "courseCode"]);
      courses.push({ ...entry(course), exams: courseExams.map((exam) => entry(without(exam, course))) });
    }
    return { ...entry(account), ...(courses.length > 0 && { courses }), ...(direct.length > 0 && { exams: direct }) };
  });
  return { ...entry(top), accounts };
}
