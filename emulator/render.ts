// What the emulator answers for a stored exam: the caller's own keys, with the documented
// defaults filled in, and scoreConfig spelled the way the caller spelled it (§6.4).

import { SCORE_FIELDS, type JsonObject, type ScoreConfig, type ScoreSpelling } from "./exam";

export interface ExamRecord {
  fields: JsonObject;
  scoreConfig: ScoreConfig;
  scoreSpelling: ScoreSpelling;
}

export function renderExam(record: ExamRecord): JsonObject {
  return structuredClone({ ...record.fields, scoreConfig: renderScoreConfig(record) });
}

function renderScoreConfig(record: ExamRecord): JsonObject {
  const out: JsonObject = {};
  for (const field of SCORE_FIELDS) {
    const key = record.scoreSpelling[field.canonical] === "snake" ? field.canonical : field.camel;
    out[key] = record.scoreConfig[field.canonical];
  }
  return out;
}
