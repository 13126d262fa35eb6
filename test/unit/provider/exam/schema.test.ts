import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { API_FIELDS, RULE_DEFAULTS, SCORE_DEFAULTS, UNKNOWN, VISIBLE_WARNING_DEFAULTS, validateExam, type ExamSpec } from "../../../../provider/exam/schema";
import { DOCUMENTED_EXAMPLE_ARGS, validExam } from "../../../../scripts/lib/exams";
import { examJsonSchema, type JsonSchema } from "../../../../scripts/docs/fields";
import { INVALID_EXAMS } from "../../../fixtures/invalid-exams";
import { accepted, rejected } from "../../../harness/exam-validation";

describe("provider/exam/schema", () => {
  describe("validateExam: valid exams", () => {
    it("accepts the documented example and normalizes only accountId", () => {
      const { exam, warnings } = accepted(DOCUMENTED_EXAMPLE_ARGS);
      assert.deepEqual(exam, { ...DOCUMENTED_EXAMPLE_ARGS, accountId: "123", deletionPolicy: "retain" });
      assert.deepEqual(warnings, []);
    });

    it("turns numeric accountId and examId into strings", () => {
      const { exam } = accepted(validExam({ accountId: 7, examId: 42 }));
      assert.equal(exam.accountId, "7");
      assert.equal(exam.examId, "42");
    });

    it("accepts the three offset forms and keeps each date string as declared", () => {
      for (const [startDate, endDate] of [
        ["2026-03-27T09:00:00Z", "2026-03-27T12:00:00Z"],
        ["2026-03-27T09:00:00+02:00", "2026-03-27T12:00:00-05:30"],
        ["2026-03-27T09:00:00+0000", "2026-03-27T09:00:00.5+0000"],
      ]) {
        const { exam } = accepted(validExam({ startDate, endDate }));
        assert.equal(exam.startDate, startDate);
        assert.equal(exam.endDate, endDate);
      }
    });

    it("compares dates as instants, not as strings", () => {
      // 10:00+02:00 is 08:00Z, one hour after the start although it reads earlier.
      accepted(validExam({ startDate: "2026-03-27T07:00:00Z", endDate: "2026-03-27T10:00:00+02:00" }));
    });

    it("accepts an exam that ends when it starts", () => {
      accepted(validExam({ startDate: "2026-03-27T09:00:00Z", endDate: "2026-03-27T11:00:00+02:00" }));
    });

    it("accepts the plugin's extra fields", () => {
      const extras = {
        auxiliaryCameraMode: "photo",
        webCameraMainView: "side",
        secureBrowser: true,
        secureBrowserLevel: "high",
        allowMultipleDisplays: false,
        allowVirtualEnvironment: false,
        checkIdPhotoQuality: true,
        calculator: "scientific",
        streamsPreset: "no_video",
        desktopAppAllowedProcesses: ["excel.exe"],
        desktopAppForbiddenProcesses: null,
        sendManualWarningsToLearner: false,
        allowRoomScanAuxCamera: true,
        courseCode: "PHY-101",
        userAgreementUrl: "https://example.org/rules",
        trial: true,
        auxiliaryCamera: true,
      };
      const { exam } = accepted(validExam(extras));
      assert.deepEqual(exam, { ...DOCUMENTED_EXAMPLE_ARGS, ...extras, accountId: "123", deletionPolicy: "retain" });
    });

    it("accepts a minimal exam and the resource options", () => {
      const minimal = {
        accountId: "acme",
        accountName: "Acme",
        examId: "e-1",
        examName: "Quiz",
        duration: 60,
        schedule: false,
        proctoring: "auto",
        startDate: "2026-03-27T09:00:00Z",
        endDate: "2026-04-27T09:00:00Z",
        deletionPolicy: "close",
        connection: "staging_eu-2",
      };
      assert.deepEqual(accepted(minimal).exam, minimal);
    });

    it("ignores keys of the Pulumi engine", () => {
      const { exam } = accepted({ ...validExam(), __provider: "exports.handler = ...", __meta: 1 });
      assert.equal("__provider" in exam, false);
      assert.equal("__meta" in exam, false);
    });

    it("warns, without failing, when duration is not a multiple of 30", () => {
      const { warnings } = accepted(validExam({ duration: 45 }));
      assert.deepEqual(warnings, ["duration 45 is not a multiple of 30 minutes; the vendor's LMS plugin expects multiples of 30"]);
    });
  });

  describe("validateExam: values unknown during preview", () => {
    it("skips unknown top-level values of every type and keeps them", () => {
      const unknowns = { accountId: UNKNOWN, examName: UNKNOWN, duration: UNKNOWN, schedule: UNKNOWN, proctoring: UNKNOWN, rules: UNKNOWN, connection: UNKNOWN };
      const { exam, warnings } = accepted(validExam(unknowns));
      for (const [key, value] of Object.entries(unknowns)) assert.equal(exam[key as keyof ExamSpec], value);
      assert.deepEqual(warnings, []);
    });

    it("skips unknown values inside sections and lists", () => {
      const { exam } = accepted(
        validExam({
          rules: { allow_to_use_paper: UNKNOWN, custom_rules: UNKNOWN },
          scoreConfig: { cheaterLevel: UNKNOWN, phone: 1 },
          desktopAppAllowedProcesses: ["excel.exe", UNKNOWN],
        }),
      );
      assert.deepEqual(exam.rules, { allow_to_use_paper: UNKNOWN, custom_rules: UNKNOWN });
      assert.deepEqual(exam.scoreConfig, { cheaterLevel: UNKNOWN, phone: 1 });
      assert.deepEqual(exam.desktopAppAllowedProcesses, ["excel.exe", UNKNOWN]);
    });

    it("skips the date checks, the end-after-start check included, for an unknown date", () => {
      accepted(validExam({ startDate: UNKNOWN }));
      accepted(validExam({ endDate: UNKNOWN }));
      accepted(validExam({ startDate: UNKNOWN, endDate: UNKNOWN }));
    });

    it("still reports the known values that are wrong", () => {
      const failures = rejected(validExam({ startDate: UNKNOWN, examName: UNKNOWN, duration: 0 }));
      assert.deepEqual(failures, [{ property: "duration", reason: "must be at least 1 (got 0)" }]);
    });
  });

  describe("validateExam: invalid exams", () => {
    it("has at least 35 distinct cases", () => {
      assert.ok(INVALID_EXAMS.length >= 35);
      assert.equal(new Set(INVALID_EXAMS.map((c) => c.name)).size, INVALID_EXAMS.length);
      assert.equal(new Set(INVALID_EXAMS.map((c) => JSON.stringify(c.input))).size, INVALID_EXAMS.length);
    });

    for (const { name, input, property, reason } of INVALID_EXAMS) {
      it(`rejects ${name}`, () => {
        const failures = rejected(input);
        assert.equal(failures.length, 1, JSON.stringify(failures));
        assert.equal(failures[0].property, property);
        assert.match(failures[0].reason, reason);
      });
    }

    it("reports every defect at once", () => {
      const failures = rejected(
        validExam({
          examId: "x".repeat(300),
          examName: undefined,
          duration: 12.5,
          proctoring: "onlne",
          endDate: "2018-03-01T00:00:00Z",
          rules: { allow_to_use_paper: "yes", allow_to_use_papr: true },
          scoreConfig: { phone: 11 },
          deletionPolicy: "delete",
          corseName: "Physics",
        }),
      );
      assert.deepEqual(new Map(failures.map((f) => [f.property, f.reason])), new Map([
        ["examId", "must be at most 255 characters (got 300, 45 too many)"],
        ["examName", "is required"],
        ["duration", "must be an integer (got 12.5)"],
        ["proctoring", 'must be one of online, offline, auto, identification (got "onlne")'],
        ["rules.allow_to_use_paper", 'must be true or false (got "yes")'],
        ["rules.allow_to_use_papr", 'unknown key; did you mean "allow_to_use_paper"?'],
        ["scoreConfig.phone", "must be between 0 and 10 (got 11)"],
        ["deletionPolicy", 'must be one of retain, close (got "delete")'],
        ["corseName", 'unknown key; did you mean "courseName"?'],
        ["endDate", "must not be earlier than startDate (endDate 2018-03-01T00:00:00Z is before startDate 2018-03-27T00:00:00Z)"],
      ]));
      assert.equal(failures.length, 10);
    });
  });

  describe("schema constants", () => {
    it("splits the arguments into API fields and the two resource options", () => {
      const { exam } = accepted(validExam({ connection: "prod" }));
      const fields: readonly string[] = API_FIELDS;
      assert.equal(new Set(API_FIELDS).size, 31);
      assert.deepEqual(Object.keys(exam).filter((key) => !fields.includes(key)), ["deletionPolicy", "connection"]);
    });

    it("holds the documented defaults", () => {
      const allowed = Object.entries(RULE_DEFAULTS).filter(([, value]) => value === true).map(([key]) => key);
      assert.deepEqual(allowed, ["allow_to_use_paper", "allow_to_use_calculator"]);
      assert.equal(Object.keys(RULE_DEFAULTS).length, 11);
      assert.equal(RULE_DEFAULTS.custom_rules, "");
      assert.deepEqual(Object.values(VISIBLE_WARNING_DEFAULTS), Array(8).fill(true));
      assert.equal("warning_timeout" in VISIBLE_WARNING_DEFAULTS, false);
      assert.deepEqual(Object.values(SCORE_DEFAULTS), [80, 1, 1, 2, 1.5, 1, 1, 1, 1]);
    });
  });

  // The README's limits are read off the schema's metadata (scripts/docs/fields.ts);
  // these prove each stated limit is the one the checks enforce, at its edge.
  describe("schema metadata: every stated limit is the enforced one", () => {
    const root = examJsonSchema();
    const sections = Object.entries(root.properties ?? {}).filter(([, s]) => s.type === "object");
    const fields: [string[], JsonSchema][] = [
      ...Object.entries(root.properties ?? {}).map(([name, s]): [string[], JsonSchema] => [[name], s]),
      ...sections.flatMap(([section, s]) => Object.entries(s.properties ?? {}).map(([key, v]): [string[], JsonSchema] => [[section, key], v])),
    ];

    function exam(path: string[], value: unknown): Record<string, unknown> {
      if (path.length === 1) return validExam({ [path[0]]: value });
      return validExam({ [path[0]]: { [path[1]]: value } });
    }

    function problems(path: string[], value: unknown): string[] {
      const result = validateExam(exam(path, value));
      const name = path.join(".");
      return result.ok ? [] : result.failures.filter((f) => f.property === name || f.property.startsWith(`${name}[`)).map((f) => f.reason);
    }

    function sized(schema: JsonSchema, n: number): string {
      const base = schema.format === "uri" ? "https://example.org/" : "";
      return base + "a".repeat(n - base.length);
    }

    it("has a description for every field", () => {
      for (const [path, schema] of fields.filter(([p]) => p.length === 1)) assert.ok(schema.description, `no description for ${path.join(".")}`);
    });

    it("text: maxLength and minLength", () => {
      let checked = 0;
      for (const [path, schema] of fields.filter(([, s]) => s.maxLength !== undefined)) {
        const max = schema.maxLength!;
        assert.deepEqual(problems(path, sized(schema, max)), [], `${path.join(".")} at ${max}`);
        assert.ok(problems(path, sized(schema, max + 1)).some((r) => r.includes(String(max))), `${path.join(".")} over ${max}`);
        // A URL is never empty anyway.
        if (schema.format !== "uri") assert.equal(problems(path, "").length > 0, schema.minLength === 1, `${path.join(".")} empty`);
        checked++;
      }
      assert.ok(checked >= 8, `only ${checked} text fields`);
    });

    it("numbers: minimum, maximum and integer", () => {
      let checked = 0;
      for (const [path, schema] of fields.filter(([, s]) => s.minimum !== undefined)) {
        const name = path.join(".");
        const { minimum: min, maximum: max } = schema;
        assert.deepEqual(problems(path, min), [], `${name} at ${min}`);
        assert.ok(problems(path, min! - 1).some((r) => r.includes(String(min))), `${name} below ${min}`);
        if (max !== undefined) {
          assert.deepEqual(problems(path, max), [], `${name} at ${max}`);
          assert.ok(problems(path, max + 1).some((r) => r.includes(String(max))), `${name} above ${max}`);
        }
        assert.equal(problems(path, min! + 0.5).length > 0, schema.type === "integer", `${name} fractional`);
        checked++;
      }
      assert.ok(checked >= 10, `only ${checked} number fields`);
    });

    it("lists: maxItems and the length of each entry", () => {
      let checked = 0;
      for (const [path, schema] of fields.filter(([, s]) => s.anyOf?.some((b) => b.type === "array"))) {
        const list = schema.anyOf!.find((b) => b.type === "array")!;
        const [items, length] = [list.maxItems!, list.items!.maxLength!];
        assert.deepEqual(problems(path, Array<string>(items).fill("a")), []);
        assert.ok(problems(path, Array<string>(items + 1).fill("a")).some((r) => r.includes(String(items))));
        assert.deepEqual(problems(path, ["a".repeat(length)]), []);
        assert.ok(problems(path, ["a".repeat(length + 1)]).some((r) => r.includes(String(length))));
        checked++;
      }
      assert.equal(checked, 2);
    });

    it("text rules: line breaks only where multiline, surrounding whitespace and look-alikes refused where identity, bidi controls where displayName", () => {
      for (const [path, schema] of fields.filter(([, s]) => s.maxLength !== undefined && s.format === undefined && !s.pattern)) {
        const name = path.join(".");
        assert.equal(problems(path, "a\nb\tc").length === 0, schema.multiline === true, `${name} line breaks`);
        assert.equal(problems(path, " a").length > 0, schema.identity === true, `${name} leading whitespace`);
        assert.equal(problems(path, "a\u200bb").length > 0, schema.identity === true, `${name} invisible character`);
        assert.equal(problems(path, "a\u2010b").length > 0, schema.identity === true, `${name} look-alike dash`);
        assert.equal(problems(path, "a\u202eb").length > 0, schema.identity === true || schema.displayName === true, `${name} bidi control`);
      }
    });

    it("section keys state the server's documented defaults", () => {
      const stated = (section: string) => Object.fromEntries(
        Object.entries(root.properties![section].properties!).filter(([, s]) => s.default !== undefined).map(([key, s]) => [key, s.default]),
      );
      assert.deepEqual(stated("rules"), RULE_DEFAULTS);
      assert.deepEqual(stated("visibleWarnings"), VISIBLE_WARNING_DEFAULTS);
      assert.deepEqual(stated("scoreConfig"), SCORE_DEFAULTS);
    });
  });
});
