import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { requestBody } from "../../../../provider/exam/body";
import { validateExam, type ExamSpec } from "../../../../provider/exam/schema";
import { DOCUMENTED_EXAMPLE_ARGS, DOCUMENTED_EXAMPLE_BODY, validExam } from "../../../../scripts/lib/exams";

describe("provider/exam/body", () => {
  function spec(input: Record<string, unknown>): ExamSpec {
    const result = validateExam(input);
    assert.ok(result.ok, JSON.stringify(result));
    return result.exam;
  }

  const { rules, visibleWarnings, scoreConfig } = DOCUMENTED_EXAMPLE_ARGS;

  describe("requestBody: what the program declares", () => {
    it("sends the documented body for the documented example, key for key and in its order", () => {
      const { body, unresettable } = requestBody(spec(DOCUMENTED_EXAMPLE_ARGS));
      assert.deepEqual(body, DOCUMENTED_EXAMPLE_BODY);
      assert.equal(JSON.stringify(body), JSON.stringify(DOCUMENTED_EXAMPLE_BODY));
      assert.deepEqual(unresettable, []);
    });

    it("never sends the resource options", () => {
      const { body } = requestBody(spec(validExam({ deletionPolicy: "close", connection: "staging" })));
      assert.deepEqual(body, DOCUMENTED_EXAMPLE_BODY);
    });

    it("sends no default for what was never declared", () => {
      const { body } = requestBody(spec(validExam({ rules: { allow_voices: true }, scoreConfig: undefined, courseName: undefined })));
      assert.deepEqual(body.rules, { allow_voices: true });
      assert.equal("scoreConfig" in body, false);
      assert.equal("courseName" in body, false);
      assert.equal("secureBrowser" in body, false);
    });

    it("sends numeric ids as strings and the plugin's fields when declared", () => {
      const { body } = requestBody(spec(validExam({ examId: 9, secureBrowser: true, desktopAppForbiddenProcesses: null })));
      assert.equal(body.examId, "9");
      assert.equal(body.secureBrowser, true);
      assert.equal(body.desktopAppForbiddenProcesses, null);
    });
  });

  describe("requestBody: removals reset to the documented defaults", () => {
    it("sends a removed rules key with its default", () => {
      const before = spec(validExam({ rules: { ...rules, custom_rules: "No phones" } }));
      const { allow_to_use_paper: _paper, ...remaining } = rules;
      const now = spec(validExam({ rules: remaining }));
      const { body, unresettable } = requestBody(now, before);
      assert.deepEqual(body.rules, { ...remaining, allow_to_use_paper: true, custom_rules: "" });
      assert.deepEqual(unresettable, []);
    });

    it("sends a removed scoreConfig key with its default", () => {
      const before = spec(validExam({ scoreConfig: { ...scoreConfig, avertEyes: 3 } }));
      const now = spec(validExam({ scoreConfig: { cheaterLevel: 70 } }));
      const { body } = requestBody(now, before);
      assert.deepEqual(body.scoreConfig, {
        cheaterLevel: 70,
        extraUserInFrame: 1,
        substitutionUser: 1,
        noUserInFrame: 2,
        avertEyes: 1.5,
        changeActiveWindowOnComputer: 1,
        forbiddenDevice: 1,
        voiceDetected: 1,
        phone: 1,
      });
    });

    it("resets the keys of a removed section that it had declared", () => {
      const before = spec(validExam({ rules: { allow_to_use_books: true } }));
      const { body } = requestBody(spec(validExam({ rules: undefined })), before);
      assert.deepEqual(body.rules, { allow_to_use_books: false });
    });

    it("lists a removed field with no documented default as unresettable and does not send it", () => {
      const before = spec(validExam({ trial: true, calculator: "simple" }));
      const now = spec(validExam({ courseName: undefined, identification: undefined }));
      const { body, unresettable } = requestBody(now, before);
      assert.deepEqual(unresettable, ["courseName", "identification", "trial", "calculator"]);
      for (const field of unresettable) assert.equal(field in body, false);
    });

    it("lists a removed legacy warning key as unresettable and resets the documented ones", () => {
      const before = spec(DOCUMENTED_EXAMPLE_ARGS);
      const now = spec(validExam({ visibleWarnings: { warning_phone: false } }));
      const { body, unresettable } = requestBody(now, before);
      const { warning_timeout: _timeout, ...documented } = visibleWarnings;
      assert.deepEqual(body.visibleWarnings, { ...documented, warning_phone: false });
      assert.deepEqual(unresettable, ["visibleWarnings.warning_timeout"]);
    });

    it("sends the same body as without a previous exam when nothing was removed", () => {
      const exam = spec(DOCUMENTED_EXAMPLE_ARGS);
      assert.deepEqual(requestBody(exam, exam), requestBody(exam));
    });
  });

  it("section keys are sent in the documented order, however the engine ordered the inputs", () => {
    const sorted = (section: unknown) => Object.fromEntries(Object.entries(section as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    const checked = validateExam(DOCUMENTED_EXAMPLE_ARGS);
    assert.ok(checked.ok);
    const { rules, visibleWarnings, scoreConfig } = checked.exam;
    const fromEngine = { ...checked.exam, rules: sorted(rules!), visibleWarnings: sorted(visibleWarnings!), scoreConfig: sorted(scoreConfig!) } as ExamSpec;
    assert.equal(JSON.stringify(requestBody(fromEngine).body), JSON.stringify(DOCUMENTED_EXAMPLE_BODY));
  });
});
