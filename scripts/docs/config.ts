// The configuration page's tuning reference (docs/configuration.md), read off the same zod schema the provider resolves its settings with.
import { tuningKeys } from "../../provider/proctor/config";

export function renderTuningTable(): string {
  const rows = Object.entries(tuningKeys()).map(
    ([key, spec]) => `| \`proctor:${key}\` | ${spec.default} | ${spec.min}–${spec.max} | \`${spec.env}\` | ${spec.doc} |`,
  );
  return ["| Key | Default | Allowed | Environment fallback | Meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}
