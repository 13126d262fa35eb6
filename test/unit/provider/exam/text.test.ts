import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validExam } from "../../../../scripts/lib/exams";
import { HANG_MS } from "../../../fixtures/invalid-exams";
import { accepted, rejected } from "../../../harness/exam-validation";
import { textMeta, textProblems } from "../../../../provider/exam/text";

describe("provider/exam/text", () => {
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

    it("refuses Unicode's line and paragraph separators as line breaks wherever a line feed is refused: a name would show on two lines", () => {
      const { exam } = accepted(withValue("rules.custom_rules", "No phones.\u2028No notes.\u2029"));
      assert.equal((exam.rules as Record<string, unknown>).custom_rules, "No phones.\u2028No notes.\u2029");
      for (const [property, exam, valid] of textCases().filter(([property]) => property !== "rules.custom_rules")) {
        for (const [char, reason] of [
          ["\u2028", "must not contain line breaks (U+2028 line separator at position 2)"],
          ["\u2029", "must not contain line breaks (U+2029 paragraph separator at position 2)"],
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
  });

  describe("textProblems and textMeta, rule by rule", () => {
    it("textMeta states the rule as schema metadata, naming only the flags that are set", () => {
      assert.deepEqual(textMeta({ max: 10, nonEmpty: true, identity: true }), { maxLength: 10, minLength: 1, identity: true });
      assert.deepEqual(textMeta({ max: 5, multiline: true, displayName: true }), { maxLength: 5, multiline: true, displayName: true });
      assert.deepEqual(textMeta({ max: 5 }), { maxLength: 5 });
    });

    it("counts length in characters: four emoji are four, not eight UTF-16 units", () => {
      assert.deepEqual(textProblems("😀😀😀", { max: 3 }), []);
      assert.deepEqual(textProblems("😀😀😀😀", { max: 3 }), ["must be at most 3 characters (got 4, 1 too many)"]);
    });

    it("an identity: empty or only whitespace says so once; every other problem is reported together", () => {
      assert.deepEqual(textProblems("", { max: 3, nonEmpty: true, identity: true }), ["must not be empty"]);
      assert.deepEqual(textProblems("   ", { max: 3, identity: true }), ["must not be only whitespace"]);
      assert.deepEqual(textProblems(" a\u2013 ", { max: 3, identity: true }), [
        "must be at most 3 characters (got 4, 1 too many)",
        "must not start or end with whitespace: remove the leading and trailing whitespace; an id is used exactly as written, and trimmed it would name another exam or account",
        'must not contain dashes other than "-" (U+2013 en dash at position 3): an id that looks like another would name another exam or account',
      ]);
    });

    it("look-alikes and bidi controls are refused only where the rule says so", () => {
      assert.deepEqual(textProblems("a\u2013b\u202ec", { max: 10 }), []);
      assert.equal(textProblems("a\u2013b", { max: 10, identity: true }).length, 1);
      assert.equal(textProblems("a\u202eb", { max: 10, displayName: true }).length, 1);
    });
  });
});
