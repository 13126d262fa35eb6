import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  API_FIELDS,
  RULE_DEFAULTS,
  SCORE_DEFAULTS,
  UNKNOWN,
  VISIBLE_WARNING_DEFAULTS,
  validateExam,
  type CheckFailure,
  type ExamSpec,
} from "../provider/schema";
import { editDistance, nearest } from "../provider/nearest";
import { DOCUMENTED_EXAMPLE_ARGS, validExam } from "./fixtures/exams";
import { INVALID_EXAMS } from "./fixtures/invalid-exams";

function accepted(input: Record<string, unknown>): { exam: ExamSpec; warnings: string[] } {
  const result = validateExam(input);
  assert.ok(result.ok, `expected the exam to be accepted, got ${JSON.stringify(result.ok ? [] : result.failures)}`);
  return result;
}

function rejected(input: Record<string, unknown>): CheckFailure[] {
  const result = validateExam(input);
  assert.ok(!result.ok, "expected the exam to be rejected");
  return result.failures;
}

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

describe("nearest", () => {
  it("counts a swap of adjacent characters as one edit", () => {
    assert.equal(editDistance("trial", "trail"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
  });

  it("ignores case and separators, and suggests nothing for unrelated words", () => {
    assert.equal(nearest("cheater_level", ["phone", "cheaterLevel"]), "cheaterLevel");
    assert.equal(nearest("ExamID", ["examId", "examName"]), "examId");
    assert.equal(nearest("colour", ["phone", "avertEyes"]), undefined);
  });
});

it("fractional seconds: up to nine digits, as the server accepts", () => {
  assert.equal(validateExam(validExam({ startDate: "2018-03-27T00:00:00.123456789Z" })).ok, true);
  const tooPrecise = validateExam(validExam({ startDate: "2018-03-27T00:00:00.1234567890Z" }));
  assert.equal(tooPrecise.ok, false);
  assert.deepEqual(!tooPrecise.ok && tooPrecise.failures.map((f) => f.property), ["startDate"]);
});
