import type { ExamInput } from "../exam/schema";

/**
 * The shape of a catalogue, in a YAML/JSON file or in code. Every level takes
 * any exam argument; above the exam level it is a default for every exam below
 * it, and the nearest level wins (rules, visibleWarnings and scoreConfig are
 * merged key by key instead). Lists, not maps, hold the children, so that a
 * duplicate examId is a reportable mistake rather than a silently lost entry.
 *
 * ```yaml
 * proctoring: auto                 # catalogue level: every exam
 * accounts:
 *   - accountId: "100"             # account level
 *     accountName: Faculty of Science
 *     courses:
 *       - courseName: Physics      # course level
 *         exams:
 *           - examId: phys-final   # one exam; overrides anything above
 *             examName: Final
 * ```
 */
export type CatalogueFields = Partial<ExamInput>;

export type CatalogueCourse = CatalogueFields & { exams?: CatalogueFields[] };

export type CatalogueAccount = CatalogueFields & { courses?: CatalogueCourse[]; exams?: CatalogueFields[] };

/** A whole catalogue; a bare list of exams (e.g. an LMS export) is accepted as `{ exams: [...] }`. */
export type CatalogueDocument = (CatalogueFields & { accounts?: CatalogueAccount[]; exams?: CatalogueFields[] }) | CatalogueFields[];

export type LevelKind = "catalogue" | "account" | "course" | "exam";

/** Which list keys each level may hold, and what kind of level their items are. */
export const LEVEL_CHILDREN: Record<LevelKind, Partial<Record<string, LevelKind>>> = {
  catalogue: { accounts: "account", exams: "exam" },
  account: { courses: "course", exams: "exam" },
  course: { exams: "exam" },
  exam: {},
};

/** The fields merged key by key down the levels instead of replaced whole. */
export const MERGED_SECTIONS = ["rules", "visibleWarnings", "scoreConfig"] as const satisfies readonly (keyof ExamInput)[];
