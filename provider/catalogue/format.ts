import { z } from "zod";
import { examSchema, expected, type ExamInput, type Known } from "../exam/schema";
import { show } from "../show";
import { CODE_PATTERN, templateProblem } from "./template";

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
 *
 * Besides exam fields a level may name a `preset` (a bundle of exam fields the
 * catalogue defines under `presets`) and a `share` (see ./share.ts), the catalogue may declare its `term` and
 * an `examIdTemplate`, and an exam its `kind` (see ./template.ts).
 */
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

/** Keys a preset may not hold, and why: a preset is shared by every level that names it. */
export const NOT_IN_PRESETS: Readonly<Record<string, string>> = {
  examId: "an examId names one exam, and a preset is shared by many; write it on the exam",
  accountId: "which account an exam belongs to is said by its account entry, not by a bundle of settings",
  preset: "presets do not nest; a level names one preset, and its own fields override it",
  share: "which stacks declare an exam is said by the level that holds it, where a reader looks for it, not by a bundle of settings",
  accounts: "a preset holds exam fields only, not entries",
  courses: "a preset holds exam fields only, not entries",
  exams: "a preset holds exam fields only, not entries",
};

/** Every exam argument, each optional: a level sets some of them. */
function examFields() {
  const shape = examSchema().shape;
  type Shape = typeof shape;
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof Shape]: z.ZodOptional<Shape[K]>;
  };
}

function code(what: string) {
  return z.string({ error: expected("a string") }).regex(CODE_PATTERN, {
    error: (issue) => `must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got ${show(issue.input)})`,
  }).meta({ description: what, pattern: CODE_PATTERN.source });
}

function presetName() {
  return z.string({ error: expected("a string") }).min(1, { error: "must not be empty" });
}

function buildCatalogueSchema() {
  const fields = examFields();
  // What any level may say besides exam fields.
  const level = {
    preset: presetName().optional().meta({
      description: "A preset of the catalogue's `presets`: its fields apply at this level, below this level's own.",
    }),
    share: code(
      "The share of the catalogue this level's exams are in (`sciences`): only the stacks that `proctor:shares` gives it declare them. The nearest level's wins.",
    ).optional(),
  };
  const exam = z.strictObject({
    ...fields,
    ...level,
    kind: code("The exam's short key within its course (`final`, `midterm`): `{kind}` of the examIdTemplate.").optional(),
  });
  const course = z.strictObject({ ...fields, ...level, exams: z.array(exam).optional() });
  const account = z.strictObject({ ...fields, ...level, courses: z.array(course).optional(), exams: z.array(exam).optional() });
  const { examId: _examId, accountId: _accountId, ...presetFields } = fields;
  const presetBundle = z.strictObject(presetFields);
  const catalogue = z.strictObject({
    ...fields,
    ...level,
    term: code("The term these exams belong to (`2026-autumn`): `{term}` of the examIdTemplate; rollover replaces it.").optional(),
    examIdTemplate: z
      .string({ error: expected("a string") })
      .superRefine((template, ctx) => {
        const problem = templateProblem(template);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: template });
      })
      .meta({ description: "How an exam without an examId gets one, e.g. `{course}-{term}-{kind}`." })
      .optional(),
    presets: z
      .record(presetName(), presetBundle)
      .meta({ description: "Named bundles of exam fields that any level may apply with `preset: <name>`." })
      .optional(),
    accounts: z.array(account).optional(),
    exams: z.array(exam).optional(),
  });
  return { document: z.union([catalogue, z.array(exam)]), levels: { catalogue, account, course, exam }, preset: presetBundle };
}

// Built on first use, like the exam schema: nothing zod at module level.
let compiled: ReturnType<typeof buildCatalogueSchema> | undefined;

function compiledSchema(): ReturnType<typeof buildCatalogueSchema> {
  return (compiled ??= buildCatalogueSchema());
}

/** The zod schema of a whole catalogue document (a bare list of exams is accepted too); the JSON Schema is read off it. */
export function catalogueSchema(): ReturnType<typeof buildCatalogueSchema>["document"] {
  return compiledSchema().document;
}

/** The schema of one level: exam fields, its lists, and its own settings (preset, term, ...). */
export function levelSchema<K extends LevelKind>(kind: K): ReturnType<typeof buildCatalogueSchema>["levels"][K] {
  return compiledSchema().levels[kind];
}

const settings = new Map<LevelKind, readonly string[]>();

/** The keys a level takes that are neither exam fields nor lists of entries. */
export function levelSettings(kind: LevelKind): readonly string[] {
  let keys = settings.get(kind);
  if (keys === undefined) {
    const exam = new Set(Object.keys(examSchema().shape));
    keys = Object.keys(levelSchema(kind).shape).filter((key) => !exam.has(key) && LEVEL_CHILDREN[kind][key] === undefined);
    settings.set(kind, keys);
  }
  return keys;
}

type Levels = ReturnType<typeof buildCatalogueSchema>["levels"];

export type CatalogueFields = Partial<ExamInput>;

export type CatalogueExamEntry = Known<z.input<Levels["exam"]>>;

export type CatalogueCourse = Known<z.input<Levels["course"]>>;

export type CatalogueAccount = Known<z.input<Levels["account"]>>;

/** A whole catalogue; a bare list of exams (e.g. an LMS export) is accepted as `{ exams: [...] }`. */
export type CatalogueDocument = Known<z.input<ReturnType<typeof catalogueSchema>>>;
