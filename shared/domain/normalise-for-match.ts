/**
 * Text as a keyword matcher sees it: letters without accents (NFD, marks
 * dropped), lower case, without the invisible characters someone might slip
 * between letters to dodge a list (zero-width spaces and joiners, soft
 * hyphens, bidi controls, the BOM), and every run of white space as one
 * space. `origin[i]` is the index in the original string of the code point
 * that produced `codes[i]`, so a match can be highlighted where the reader
 * sees it.
 */
export interface NormalisedText {
  /** UTF-16 code units of the normalised text. */
  readonly codes: Uint16Array;
  readonly origin: Uint32Array;
  readonly length: number;
}

/** Characters that render as nothing: removed before matching. */
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner; LRM, RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
];
const isInvisible = (codePoint: number) => INVISIBLE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
const MARK = /\p{M}/gu;
const SPACE = /^\s$/u;
const SPACE_CODE = 32;

// Each distinct non-ASCII code point is normalised once and kept (a facility's messages use few of them).
const folded = new Map<number, string>();
function fold(codePoint: number, char: string): string {
  const known = folded.get(codePoint);
  if (known !== undefined) return known;
  const result = isInvisible(codePoint)
    ? ''
    : SPACE.test(char)
      ? ' '
      : char.normalize('NFD').replace(MARK, '').toLowerCase();
  if (folded.size < 65_536) folded.set(codePoint, result);
  return result;
}

export function normaliseForMatch(input: string): NormalisedText {
  // A folded code point can grow (e.g. 'ﬁ' → 'fi'): the arrays grow when needed.
  let codes: Uint16Array = new Uint16Array(input.length + 8);
  let origin: Uint32Array = new Uint32Array(input.length + 8);
  let length = 0;
  const put = (code: number, at: number) => {
    // Runs of white space are one space, as in the phrases.
    if (code === SPACE_CODE && length > 0 && codes[length - 1] === SPACE_CODE) return;
    if (length >= codes.length) {
      codes = grow16(codes);
      origin = grow32(origin);
    }
    codes[length] = code;
    origin[length++] = at;
  };
  for (let i = 0; i < input.length;) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path: A–Z lower-cased, control characters and white space one space.
      put(code >= 65 && code <= 90 ? code + 32 : code <= 32 || code === 127 ? SPACE_CODE : code, i);
      i++;
      continue;
    }
    const codePoint = input.codePointAt(i) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;
    const out = fold(codePoint, input.slice(i, i + width));
    for (let k = 0; k < out.length; k++) put(out.charCodeAt(k), i);
    i += width;
  }
  return { codes, origin, length };
}

/** The normalised form of a phrase, as a string (for building the matcher). */
export function normalisedString(input: string): string {
  const { codes, length } = normaliseForMatch(input.trim());
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(codes[i] ?? 0);
  return out;
}

function grow16(array: Uint16Array): Uint16Array {
  const bigger = new Uint16Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
function grow32(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
