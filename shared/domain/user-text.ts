/**
 * Text people wrote is stored and shown exactly as written. These helpers
 * only change how it is drawn: line breaks of every kind become one, and
 * for reviewers the invisible controls that can disguise text (a
 * right-to-left override turning "gnp.exe" into "exe.png", zero-width
 * characters hiding inside a word) are made visible.
 */

/** Bidi embedding, override, isolate and mark characters, and the zero-width ones. */
const CONTROL_NAMES: Record<string, string> = {
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\u200e': 'LRM',
  '\u200f': 'RLM',
  '\u061c': 'ALM',
  '\u200b': 'ZWSP',
  '\u200c': 'ZWNJ',
  '\u200d': 'ZWJ',
  '\u2060': 'WJ',
  '\ufeff': 'BOM',
};
// An alternation of escapes, not a character class: ZWJ inside a class reads as a joined sequence.
const CONTROL_PATTERN = Object.keys(CONTROL_NAMES)
  .map((c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`)
  .join('|');
const CONTROLS = new RegExp(CONTROL_PATTERN, 'gu');

/** Whether the text holds a bidi or zero-width control (reviewers see a warning). */
export const hasHiddenControls = (text: string): boolean => new RegExp(CONTROL_PATTERN, 'u').test(text);

/** Each control replaced by a visible marker such as `[RLO]`, for the review queue. */
export const revealControls = (text: string): string =>
  text.replace(CONTROLS, (c) => `[${CONTROL_NAMES[c] ?? 'U+' + (c.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`);

/** CR LF and a lone CR drawn as the line break they are (a lone CR used to show as nothing on the kiosk). */
export const displayLineBreaks = (text: string): string => text.replace(/\r\n?/g, '\n');
