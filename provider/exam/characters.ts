/**
 * Characters that are not what they look like: invisible ones, controls that
 * reorder the text around them, and look-alikes of `-` and the space. The check
 * refuses them where they would pass for another text (ids, names); the review
 * shows any that remain as `<U+200B>`. Sets are built with the `v` flag's set
 * difference (in `new RegExp`, which TypeScript does not check against the target).
 */

/** Shown nowhere as what they are: format characters, default-ignorables, separators, controls (but tab and line breaks), lone surrogates. Variation selectors stay: emoji need them. */
const HIDDEN_SOURCE = String.raw`[[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Cc}]--[\t\n\r\p{Variation_Selector}]]`;

/** Invisible in an id: format characters and default-ignorables (zero-width, bidi controls, soft hyphen, fillers, variation selectors). */
const INVISIBLE = new RegExp(String.raw`[\p{Default_Ignorable_Code_Point}\p{Cf}]`, "v");

/** Dashes that look like `-` (U+002D) and are other characters. */
const DASH = new RegExp(String.raw`[[\p{Pd}\u2212\uFE63\uFF0D]--[\-]]`, "v");

/** Spaces that look like ` ` (U+0020) and are other characters. */
const SPACE = new RegExp(String.raw`[\p{Zs}--[ ]]`, "v");

/** Controls that reorder what follows them when text is shown: embeddings, overrides, isolates, and the three directional marks. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

// The names of the characters most likely to be met; any other is named by its class.
const NAMES: Record<number, string> = {
  0x00a0: "no-break space",
  0x00ad: "soft hyphen",
  0x061c: "arabic letter mark",
  0x180e: "mongolian vowel separator",
  0x2007: "figure space",
  0x2009: "thin space",
  0x200a: "hair space",
  0x200b: "zero width space",
  0x200c: "zero width non-joiner",
  0x200d: "zero width joiner",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x2010: "hyphen",
  0x2011: "non-breaking hyphen",
  0x2012: "figure dash",
  0x2013: "en dash",
  0x2014: "em dash",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x202f: "narrow no-break space",
  0x2060: "word joiner",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
  0x2212: "minus sign",
  0x3000: "ideographic space",
  0x3164: "hangul filler",
  0xfeff: "zero width no-break space",
  0xff0d: "fullwidth hyphen-minus",
};

/** `U+200B`: four hex digits at least, as Unicode writes code points. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** One match of a class: the character, its name, and its UTF-16 index. */
export interface Found {
  codePoint: number;
  /** `U+200B zero width space`, or `U+2061` with no name known. */
  label: string;
  index: number;
}

function first(pattern: RegExp, text: string): Found | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const codePoint = match[0].codePointAt(0)!;
  const name = NAMES[codePoint];
  return { codePoint, label: name === undefined ? codePointLabel(codePoint) : `${codePointLabel(codePoint)} ${name}`, index: match.index };
}

export const firstInvisible = (text: string): Found | undefined => first(INVISIBLE, text);
export const firstDash = (text: string): Found | undefined => first(DASH, text);
export const firstSpace = (text: string): Found | undefined => first(SPACE, text);
export const firstBidiControl = (text: string): Found | undefined => first(BIDI_CONTROL, text);

/**
 * Text with every character a reader could not see, or that would reorder
 * what is shown around it, written as `<U+200B>`: a review then shows
 * `phy-final<U+200B>` beside `phy-final`, and no name can reverse a line.
 */
export function escapeHidden(text: string): string {
  return text.replace(new RegExp(HIDDEN_SOURCE, "gv"), (c) => `<${codePointLabel(c.codePointAt(0)!)}>`);
}
