import { z } from "zod";
import { catalogueSchema } from "./format";
import { UNKNOWN } from "../exam/schema";

export type JsonSchema = Record<string, unknown>;

/** What the schemas' `.meta()` says that JSON Schema has no word for; editors would show it as noise. */
const OUR_OWN_META = ["multiline", "identity", "displayName", "characters", "protocols"];

/**
 * Every exam field also takes the value Pulumi passes during preview for one not
 * known yet; nobody writes it in a file, so it is left out and only the real type remains.
 */
function withoutUnknown(schema: JsonSchema): void {
  const options = schema.anyOf;
  if (!Array.isArray(options)) return;
  const rest = (options as JsonSchema[]).filter((option) => option.const !== UNKNOWN);
  if (rest.length === options.length) return;
  delete schema.anyOf;
  if (rest.length === 1) Object.assign(schema, rest[0], schema);
  else schema.anyOf = rest;
}

/** A zod schema of this package as JSON Schema (draft 2020-12), as a file would be written: input types, no preview sentinel. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: "input",
    override: ({ jsonSchema }) => {
      const node = jsonSchema as JsonSchema;
      withoutUnknown(node);
      for (const key of OUR_OWN_META) delete node[key];
    },
  }) as JsonSchema;
}

/** The JSON Schema of a catalogue file, for editors. */
export function catalogueJsonSchema(): JsonSchema {
  const { $schema, ...schema } = jsonSchemaOf(catalogueSchema());
  return {
    $schema,
    $id: "https://www.npmjs.com/package/pulumi-proctor/schema/catalogue.schema.json",
    title: "pulumi-proctor exam catalogue",
    description: "An exam catalogue: catalogue, account, course and exam levels; each level's exam fields are defaults for every exam below it.",
    ...schema,
  };
}
