/** Pure text edits at the caret, shared by the on-screen keyboard and its tests. */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters, so an accented letter or an emoji is one step, never half of one. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
export interface EditResult {
  value: string;
  caret: number;
}

export function insertAt(value: string, start: number, end: number, text: string, maxLength?: number): EditResult {
  const room = maxLength === undefined ? Infinity : maxLength - (value.length - (end - start));
  const added = graphemes(text).slice(0, Math.max(0, room)).join('');
  return { value: value.slice(0, start) + added + value.slice(end), caret: start + added.length };
}

export function deleteBefore(value: string, start: number, end: number): EditResult {
  if (start !== end) return { value: value.slice(0, start) + value.slice(end), caret: start };
  if (start === 0) return { value, caret: 0 };
  const before = graphemes(value.slice(0, start));
  before.pop();
  const head = before.join('');
  return { value: head + value.slice(end), caret: head.length };
}
