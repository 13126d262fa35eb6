// Writes the catalogue file's JSON Schema, read off the zod schemas, to
// schema/catalogue.schema.json (shipped in the package, for editors). Run by
// `npm run build`, `prepack` and setup_toolchain, so the schema a package ships
// is always the one of the code it ships with; nothing generated is committed.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { catalogueJsonSchema } from "../../provider/catalogue/json-schema";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "..", "schema", "catalogue.schema.json");

export function renderSchema(): string {
  return `${JSON.stringify(catalogueJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  writeFileSync(SCHEMA_FILE, renderSchema());
}
