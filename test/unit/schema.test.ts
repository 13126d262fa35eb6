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
} from "../../provider/exam/schema";
import { MAX_BODY_BYTES } from "../../provider/exam/body-size";
import { editDistance, nearest } from "../../provider/nearest";
import { DOCUMENTED_EXAMPLE_ARGS, validExam } from "../../scripts/lib/exams";
import { examJsonSchema, type JsonSchema } from "../../scripts/docs/fields";
import { HANG_MS, INVALID_EXAMS } from "../fixtures/invalid-exams";

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

/** Sets a value at a dotted path (`rules.custom_rules`) of a valid exam. */
function withValue(path: string, value: unknown): Record<string, unknown> {
  const exam = validExam();
  const keys = path.split(".");
  let target = exam;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return exam;
}

/** Every text field of an exam, a list entry included, and a valid value for it. */
const TEXT_FIELDS: [path: string, valid: string][] = [
  ["accountId", "1234"],
  ["accountName", "Corporate university"],
  ["examId", "a3875623"],
  ["examName", "Final test"],
  ["courseName", "Physics"],
  ["courseCode", "PHY-101"],
  ["userAgreementUrl", "https://example.org/rules"],
  ["rules.custom_rules", "No phones."],
];

function textCases(): [property: string, exam: (text: string) => Record<string, unknown>, valid: string][] {
  return [
    ...TEXT_FIELDS.map(([path, valid]): [string, (text: string) => Record<string, unknown>, string] => [path, (text) => withValue(path, text), valid]),
    ["desktopAppAllowedProcesses[1]", (text) => validExam({ desktopAppAllowedProcesses: ["excel.exe", text] }), "obs.exe"],
    ["desktopAppForbiddenProcesses[0]", (text) => validExam({ desktopAppForbiddenProcesses: [text] }), "obs.exe"],
  ];
}

describe("validateExam: text that must be refused", () => {
  it("refuses every control character, C0, DEL and C1, in every text field, naming its code point and position", () => {
    const controls = [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f];
    for (const [property, exam, valid] of textCases()) {
      for (const code of controls) {
        const failures = rejected(exam(`${valid.slice(0, 3)}${String.fromCharCode(code)}${valid.slice(3)}`));
        const hex = code.toString(16).toUpperCase().padStart(4, "0");
        assert.deepEqual(failures, [{ property, reason: `must not contain control characters (U+${hex} at position 4)` }], `${property} U+${hex}`);
      }
    }
  });

  it("lets only rules.custom_rules hold line feeds, carriage returns and tabs", () => {
    const { exam } = accepted(withValue("rules.custom_rules", "No phones.\r\n\tNo notes.\n"));
    assert.equal((exam.rules as Record<string, unknown>).custom_rules, "No phones.\r\n\tNo notes.\n");
    for (const [property, exam, valid] of textCases().filter(([property]) => property !== "rules.custom_rules")) {
      for (const [char, reason] of [
        ["\n", "must not contain line breaks (U+000A line feed at position 2)"],
        ["\r", "must not contain line breaks (U+000D carriage return at position 2)"],
        ["\t", "must not contain control characters (U+0009 tab at position 2)"],
        ["\u0085", "must not contain line breaks (U+0085 next line at position 2)"],
      ]) {
        assert.deepEqual(rejected(exam(`${valid[0]}${char}${valid.slice(1)}`)), [{ property, reason }], `${property} ${JSON.stringify(char)}`);
      }
    }
  });

  it("refuses unpaired surrogates in every text field, and accepts characters outside the BMP", () => {
    for (const [property, exam, valid] of textCases()) {
      for (const [lone, hex] of [["\ud83d", "D83D"], ["\ude00", "DE00"]]) {
        const failures = rejected(exam(`${valid.slice(0, 2)}${lone}${valid.slice(2)}`));
        assert.equal(failures.length, 1, JSON.stringify(failures));
        assert.equal(failures[0].property, property);
        assert.match(failures[0].reason, new RegExp(`^must not contain an unpaired surrogate \\(U\\+${hex} at position 3\\)`));
      }
      // A joined pair is one character: 😀 is fine, and JSON sends it unchanged.
      accepted(exam(`${valid}😀`));
    }
  });

  it("counts positions in characters from 1, not in UTF-16 units", () => {
    const failures = rejected(validExam({ examName: "😀😀\u0000", courseName: "日本\ud800" }));
    assert.deepEqual(failures.map((f) => [f.property, /^must not contain (.*) at position (\d+)\)/.exec(f.reason)?.slice(1)]), [
      ["examName", ["control characters (U+0000", "3"]],
      ["courseName", ["an unpaired surrogate (U+D800", "3"]],
    ]);
  });

  it("refuses whitespace around examId and accountId instead of trimming it, and says what to do", () => {
    const failures = rejected(validExam({ examId: "a3875623\n", accountId: "\t123" }));
    assert.deepEqual(failures, [
      { property: "accountId", reason: "must not contain control characters (U+0009 tab at position 1)" },
      { property: "accountId", reason: "must not start with whitespace (U+0009): remove the leading whitespace; an id is used exactly as written, and trimmed it would name another exam or account" },
      { property: "examId", reason: "must not contain line breaks (U+000A line feed at position 9)" },
      { property: "examId", reason: "must not end with whitespace (U+000A): remove the trailing whitespace; an id is used exactly as written, and trimmed it would name another exam or account" },
    ]);
    // Names are display text: spaces around them are the author's business.
    accepted(validExam({ examName: " Final test ", examId: "a 3875623", accountId: 7 }));
  });

  it("refuses a 5 MB courseCode and a 50 MB custom_rules at once, without quoting them", () => {
    for (const [path, text] of [["courseCode", "c".repeat(5 * 2 ** 20)], ["rules.custom_rules", "r".repeat(50 * 2 ** 20)]] as const) {
      const exam = withValue(path, text);
      const started = performance.now();
      const failures = rejected(exam);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < HANG_MS, `${path}: ${elapsed.toFixed(0)} ms`);
      assert.deepEqual(failures.map((f) => f.property), [path, path]);
      assert.match(failures[0].reason, /^must be at most \d+ characters \(got \d+, \d+ too many\)$/);
      assert.match(failures[1].reason, /^makes the request body \d+ bytes of JSON, more than the 262144 allowed \(this field takes \d+\)$/);
      for (const { reason } of failures) assert.ok(reason.length < 200 && !/(.)\1{20}/.test(reason), `a failure quotes the value: ${reason.slice(0, 300)}`);
    }
  });

  it("quotes a long value cut at a character boundary, never half a surrogate pair", () => {
    const [failure] = rejected(validExam({ proctoring: `a${"😀".repeat(40)}` }));
    assert.ok(!/\\ud[89a-f]/i.test(failure.reason), failure.reason);
    assert.match(failure.reason, /😀…"\)$/);
  });
});

describe("validateExam: ids and names that would read as another text", () => {
  const ID_REASON = "an id that looks like another would name another exam or account";

  it("refuses invisible characters in examId and accountId, naming the code point, its name and its position", () => {
    for (const property of ["examId", "accountId"]) {
      for (const [char, label] of [
        ["\u200b", "U+200B zero width space"],
        ["\u00ad", "U+00AD soft hyphen"],
        ["\u202e", "U+202E right-to-left override"],
        ["\u2066", "U+2066 left-to-right isolate"],
        ["\u2060", "U+2060 word joiner"],
        ["\ufeff", "U+FEFF zero width no-break space"],
        ["\u3164", "U+3164 hangul filler"],
        ["\ufe0f", "U+FE0F"],
        ["\u{e0041}", "U+E0041"],
      ]) {
        assert.deepEqual(
          rejected(validExam({ [property]: `phy-final${char}x` })),
          [{ property, reason: `must not contain invisible characters (${label} at position 10): ${ID_REASON}` }],
          `${property} ${label}`,
        );
      }
    }
    // Positions count characters: the astral letter before it is one.
    assert.deepEqual(rejected(validExam({ examId: "𝔸\u200bb" })), [{ property: "examId", reason: `must not contain invisible characters (U+200B zero width space at position 2): ${ID_REASON}` }]);
  });

  it("refuses dashes other than - and spaces other than U+0020 in examId and accountId, which look like them", () => {
    for (const [char, label, what] of [
      ["\u2010", "U+2010 hyphen", 'dashes other than "-"'],
      ["\u2011", "U+2011 non-breaking hyphen", 'dashes other than "-"'],
      ["\u2013", "U+2013 en dash", 'dashes other than "-"'],
      ["\u2212", "U+2212 minus sign", 'dashes other than "-"'],
      ["\uff0d", "U+FF0D fullwidth hyphen-minus", 'dashes other than "-"'],
      ["\u00a0", "U+00A0 no-break space", 'spaces other than " "'],
      ["\u3000", "U+3000 ideographic space", 'spaces other than " "'],
    ]) {
      assert.deepEqual(rejected(validExam({ examId: `phy${char}final`, accountId: `acct${char}1` })), [
        { property: "accountId", reason: `must not contain ${what} (${label} at position 5): ${ID_REASON}` },
        { property: "examId", reason: `must not contain ${what} (${label} at position 4): ${ID_REASON}` },
      ], label);
    }
    accepted(validExam({ examId: "phy-final 2027_s.1", accountId: "dept-7", examName: "Physik — Abschluss\u00a0II", courseName: "Физика‐1" }));
  });

  it("refuses bidirectional controls in account, exam and course names, and lets other text through", () => {
    for (const property of ["accountName", "examName", "courseName"]) {
      for (const [char, label] of [
        ["\u202e", "U+202E right-to-left override"],
        ["\u202a", "U+202A left-to-right embedding"],
        ["\u2067", "U+2067 right-to-left isolate"],
        ["\u2069", "U+2069 pop directional isolate"],
        ["\u200f", "U+200F right-to-left mark"],
        ["\u061c", "U+061C arabic letter mark"],
      ]) {
        assert.deepEqual(rejected(validExam({ [property]: `Final${char} test` })), [
          { property, reason: `must not contain bidirectional controls (${label} at position 6): they reorder how the text shown after the name reads` },
        ], `${property} ${label}`);
      }
    }
    // Joiners, soft hyphens and right-to-left letters are text in a name: the review shows them escaped.
    accepted(validExam({ examName: "👩‍🔬 Lab\u00ad work\u200b", accountName: "מחלקת פיזיקה", courseName: "کار\u200cها" }));
  });
});

describe("validateExam: secret arguments", () => {
  /** The exam with `secrets` passed as pulumi.secret, as the Exam resource lists them for check(). */
  const withSecrets = (overrides: Record<string, unknown>, secrets: string[]) => ({ ...validExam(overrides), __secretInputs: secrets });
  const SECRET = "TOPSECRET-4e1d-value";

  it("no failure quotes the value of a secret argument, at its top or anywhere beneath it", () => {
    const failures = rejected(
      withSecrets(
        {
          proctoring: SECRET,
          identification: "ab",
          duration: 12.5,
          courseName: `${SECRET}${"x".repeat(500)}`,
          userAgreementUrl: `ftp://${SECRET}`,
          rules: { allow_to_use_paper: SECRET, custom_rules: 7 },
          scoreConfig: { phone: 11, cheaterLevel: SECRET },
          startDate: `2018-03-27T00:00:00`,
          endDate: "2027-13-01T00:00:00Z",
          desktopAppAllowedProcesses: [SECRET, 12],
        },
        ["proctoring", "identification", "duration", "courseName", "userAgreementUrl", "rules", "scoreConfig", "startDate", "endDate", "desktopAppAllowedProcesses"],
      ),
    );
    assert.deepEqual(new Map(failures.map((f) => [f.property, f.reason])), new Map([
      ["courseName", "must be at most 450 characters"],
      ["duration", "must be an integer"],
      ["proctoring", "must be one of online, offline, auto, identification"],
      ["identification", "must be one of passport, face, face_and_passport, skip"],
      ["startDate", "[secret] has no UTC offset; write e.g. [secret]Z"],
      ["endDate", "has month 13, outside 1–12"],
      ["userAgreementUrl", "must be an http(s) URL"],
      ["rules.allow_to_use_paper", "must be true or false"],
      ["rules.custom_rules", "must be a string"],
      ["scoreConfig.cheaterLevel", "must be a number"],
      ["scoreConfig.phone", "must be between 0 and 10"],
      ["desktopAppAllowedProcesses[1]", "must be a string"],
    ]));
  });

  it("a failure of a plain field does not quote a secret one either", () => {
    const failures = rejected(withSecrets({ startDate: "2027-03-27T00:00:00Z", endDate: "2027-03-01T00:00:00Z" }, ["startDate"]));
    assert.deepEqual(failures, [
      { property: "endDate", reason: "must not be earlier than startDate (endDate 2027-03-01T00:00:00Z is before startDate [secret])" },
    ]);
  });

  it("a plain argument's failure still quotes its value, and a warning about a secret one does not", () => {
    const [failure] = rejected(withSecrets({ proctoring: "onlne", examName: SECRET }, ["examName"]));
    assert.deepEqual(failure, { property: "proctoring", reason: 'must be one of online, offline, auto, identification (got "onlne")' });
    assert.deepEqual(accepted(withSecrets({ duration: 45 }, ["duration"])).warnings, [
      "duration [secret] is not a multiple of 30 minutes; the vendor's LMS plugin expects multiples of 30",
    ]);
  });
});

describe("validateExam: the request body's size", () => {
  /** The bytes an exam's body takes, measured independently of the provider: the JSON of its API fields, ids as strings. */
  const bodyBytes = (exam: Record<string, unknown>): number => {
    const body = Object.fromEntries(Object.entries(exam).filter(([key]) => (API_FIELDS as readonly string[]).includes(key)));
    return Buffer.byteLength(JSON.stringify({ ...body, accountId: String(exam.accountId) }));
  };
  /** A valid exam whose body is exactly `bytes` long, made of process names each within its own limits. */
  const examOfSize = (bytes: number): Record<string, unknown> => {
    const names: string[] = [];
    const exam = validExam({ desktopAppAllowedProcesses: names });
    while (bytes - bodyBytes(exam) > 1000) names.push("日".repeat(255)); // 765 bytes, 2 quotes, 1 comma
    while (bodyBytes(exam) < bytes) {
      const room = bytes - bodyBytes(exam) - 3; // quotes and comma
      // Never leave 1 or 2 bytes, which no further name could fill.
      names.push("a".repeat(room <= 255 ? room : Math.min(255, room - 4)));
    }
    assert.equal(bodyBytes(exam), bytes);
    return exam;
  };

  it("accepts a body of exactly MAX_BODY_BYTES (256 KiB) and refuses one byte more, naming the size and the largest field", () => {
    assert.equal(MAX_BODY_BYTES, 262_144);
    const largest = examOfSize(MAX_BODY_BYTES);
    accepted(largest);
    const over = structuredClone(largest);
    (over.desktopAppAllowedProcesses as string[]).push(""); // "" and a comma: 3 bytes
    const failures = rejected(over);
    assert.deepEqual(failures, [{
      property: "desktopAppAllowedProcesses",
      reason: `makes the request body ${MAX_BODY_BYTES + 3} bytes of JSON, more than the 262144 allowed (this field takes ${Buffer.byteLength(JSON.stringify(over.desktopAppAllowedProcesses))})`,
    }]);
  });

  it("reports the body's size with every other failure, at the field within a section that takes most of it", () => {
    const failures = rejected(validExam({ duration: 0, rules: { custom_rules: "日".repeat(10_000) }, desktopAppAllowedProcesses: Array(500).fill("日".repeat(255)) }));
    assert.deepEqual(failures.map((f) => f.property), ["duration", "desktopAppAllowedProcesses"]);
    const custom = rejected(validExam({ rules: { custom_rules: "r".repeat(300_000) } }));
    assert.deepEqual(custom.map((f) => f.property), ["rules.custom_rules", "rules.custom_rules"]);
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
