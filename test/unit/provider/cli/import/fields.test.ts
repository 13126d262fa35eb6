import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultField, examFields, unknownFieldReason } from "../../../../../provider/cli/import/fields";

// Which exam field an export's column fills, read off the exam schema.

describe("provider/cli/import/fields", () => {
  it("examFields: every exam field with the kind of its cells; a section's keys as dotted paths, not the section itself", () => {
    const fields = examFields();
    assert.deepEqual(
      ["duration", "startDate", "schedule", "desktopAppAllowedProcesses", "examName", "rules.allow_to_use_paper", "scoreConfig.cheaterLevel"].map((path) => fields.get(path)?.kind),
      ["number", "date", "boolean", "list", "text", "boolean", "number"],
    );
    assert.equal(fields.has("rules"), false);
  });

  it("defaultField: a field's own name in any spelling, a section key with its section, or a common LMS alias; else none", () => {
    assert.deepEqual(
      ["Exam ID", "exam_id", "Rules Allow To Use Paper", "Duration (minutes)", "Department", "Opens", "Notes"].map(defaultField),
      ["examId", "examId", "rules.allow_to_use_paper", "duration", "accountName", "startDate", undefined],
    );
  });

  it("unknownFieldReason: names the nearest field when there is one", () => {
    assert.equal(unknownFieldReason("acountId"), '"acountId" is no exam field; did you mean "accountId"?');
    assert.equal(unknownFieldReason("zzzzzzzz"), '"zzzzzzzz" is no exam field');
  });
});
