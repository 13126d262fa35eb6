// The README's tuning reference, from the same table the provider reads its settings with.
import { TUNING_KEYS } from "../../provider/proctor/connection";

export function renderTuningTable(): string {
  const rows = Object.entries(TUNING_KEYS).map(
    ([key, spec]) => `| \`proctor:${key}\` | ${spec.default} | ${spec.min}–${spec.max} | \`${spec.env}\` | ${spec.doc} |`,
  );
  return ["| Key | Default | Allowed | Environment fallback | Meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}
