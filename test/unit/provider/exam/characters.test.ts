import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validExam } from "../../../../scripts/lib/exams";
import { accepted, rejected } from "../../../harness/exam-validation";
import { codePointLabel, escapeHidden, firstBidiControl, firstDash, firstInvisible, firstSpace } from "../../../../provider/exam/characters";

describe("provider/exam/characters", () => {
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

  it("codePointLabel writes at least four upper-case hex digits, more for characters beyond the BMP", () => {
    assert.deepEqual([codePointLabel(0x41), codePointLabel(0x200b), codePointLabel(0x1f600)], ["U+0041", "U+200B", "U+1F600"]);
  });

  it("each finder gives the first character of its class, with its name and UTF-16 index, and nothing in plain text", () => {
    assert.deepEqual(firstDash("a-b\u2013c\u2014"), { codePoint: 0x2013, label: "U+2013 en dash", index: 3 });
    assert.deepEqual(firstSpace("a b\u00a0"), { codePoint: 0xa0, label: "U+00A0 no-break space", index: 3 });
    assert.deepEqual(firstInvisible("😀\u2061"), { codePoint: 0x2061, label: "U+2061", index: 2 });
    assert.deepEqual(firstBidiControl("abc\u202e"), { codePoint: 0x202e, label: "U+202E right-to-left override", index: 3 });
    for (const find of [firstDash, firstSpace, firstInvisible, firstBidiControl]) assert.equal(find("phy-final 2027"), undefined);
  });

  it("escapeHidden writes what a reader cannot see, and bidi controls, as <U+XXXX>; tabs, line breaks and variation selectors stay", () => {
    assert.equal(escapeHidden("phy-final\u200b\u202e x\u0007\t\n\u2764\ufe0f"), "phy-final<U+200B><U+202E> x<U+0007>\t\n\u2764\ufe0f");
    assert.equal(escapeHidden("\ud800a\u00ad"), "<U+D800>a<U+00AD>");
    assert.equal(escapeHidden("Физика 1"), "Физика 1");
  });
});
