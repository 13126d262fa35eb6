import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { failuresOf } from "../exam/schema";
import { isRecord } from "../record";
import { show } from "../show";
import type { CatalogueDocument, CatalogueFields } from "./format";
import { CatalogueError } from "../errors";
import type { Location } from "./problems";
import type { CatalogueExam } from "./resolve";

/**
 * The arguments of `new Catalogue` and `loadCatalogue`, checked as strictly as a
 * catalogue file: a JavaScript program has no compiler to catch `file:` for
 * `files:`, and an ignored key would declare a different catalogue than the
 * author meant. The exported types are read off these schemas.
 *
 * `catalogue` and `defaults` are taken as they are here and checked entry by
 * entry by resolveCatalogue, which names the entry and field of each problem.
 */
function buildArgsSchemas() {
  const sources = {
    files: z
      .union([z.string(), z.array(z.string()).readonly()], { error: (issue) => `must be a file path or a list of file paths (got ${show(issue.input)})` })
      .optional()
      .meta({ description: "YAML or JSON catalogue files (`.json` is JSON, anything else YAML); relative paths resolve from the working directory, the Pulumi project's when a program runs." }),
    catalogue: z.custom<CatalogueDocument>().optional().meta({ description: "A catalogue declared in code, in the same shape as a file." }),
    defaults: z
      .custom<CatalogueFields>(isRecord, { error: (issue) => `must be a mapping of exam fields (got ${show(issue.input)})` })
      .optional()
      .meta({ description: "Defaults beneath every file and catalogue: the widest level, e.g. `{ connection: \"staging\" }`." }),
  };
  const options = <T>(of: string) =>
    z.custom<T>((value) => typeof value === "function", { error: (issue) => `must be a function of ${of} that returns resource options (got ${show(issue.input)})` });
  // A Catalogue option is one entry here: its check, its default and its description.
  const catalogue = {
    ...sources,
    granularity: z
      .enum(["exam", "course", "account"], { error: (issue) => `must be "exam", "course" or "account" (got ${show(issue.input)})` })
      .default("exam")
      .meta({
        description:
          "How many Pulumi resources hold the exams: one Exam per entry (\"exam\"), or one ExamGroup per course or account holding its exams, the way past the engine's per-resource cost; every exam keeps its own diff, upsert and deletionPolicy inside it.",
      }),
    examOptions: options<(exam: CatalogueExam) => pulumi.CustomResourceOptions | undefined>("the exam")
      .optional()
      .meta({ description: "Resource options for one exam (protect, ignoreChanges, aliases, ...); the parent is always the catalogue. With a course or account granularity the exams are not resources: use groupOptions." }),
    groupOptions: options<(exams: readonly CatalogueExam[]) => pulumi.CustomResourceOptions | undefined>("a group's exams")
      .optional()
      .meta({ description: "Resource options for one course's or account's ExamGroup; its exams are given." }),
  };
  const object = <S extends z.ZodRawShape>(shape: S) =>
    z.strictObject(shape, {
      error: (issue) => (issue.code === "invalid_type" ? `must be an object with files and/or catalogue (got ${show(issue.input)})` : undefined),
    });
  return { sources: object(sources), catalogue: object(catalogue) };
}

// Built on first use: no zod object at module level (Pulumi's closure serializer), and none for a program without a Catalogue.
let compiled: ReturnType<typeof buildArgsSchemas> | undefined;

function schemas(): ReturnType<typeof buildArgsSchemas> {
  return (compiled ??= buildArgsSchemas());
}

type Schemas = ReturnType<typeof buildArgsSchemas>;

/** Where the exams come from: files, a catalogue in code, and defaults beneath both. */
export type CatalogueSources = z.input<Schemas["sources"]>;

/** The arguments of `new Catalogue`: its sources and options. */
export type CatalogueArgs = z.input<Schemas["catalogue"]>;

/** How many Pulumi resources hold the exams: one per exam (the default), or one per course or account. */
export type Granularity = z.output<Schemas["catalogue"]>["granularity"];

/** Checks a value against one of the schemas; throws one CatalogueError naming every wrong key at `at`. */
function checked<K extends keyof Schemas>(kind: K, value: unknown, at: Location): z.output<Schemas[K]> {
  const schema = schemas()[kind];
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<Schemas[K]>;
  const failures = failuresOf(parsed.error.issues, { "": Object.keys(schema.shape) });
  throw new CatalogueError(failures.map(({ property, reason }) => ({ at, ...(property === "" ? {} : { field: property }), reason })));
}

/** The arguments of `new Catalogue(name, ...)`, checked, with the options' defaults applied. */
export function checkCatalogueArgs(name: string, args: unknown): z.output<Schemas["catalogue"]> {
  return checked("catalogue", args, { file: `new Catalogue(${JSON.stringify(name)})`, path: "args" });
}

/** The sources given to `loadCatalogue`, checked. */
export function checkSources(sources: unknown): z.output<Schemas["sources"]> {
  return checked("sources", sources, { file: "loadCatalogue()", path: "sources" });
}
