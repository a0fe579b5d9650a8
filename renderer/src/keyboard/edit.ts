import { characterCount, characters as graphemes } from '../../../shared/domain/text-length';

/**
 * Pure text edits at the caret, shared by the on-screen keyboard and its tests.
 * Steps and limits are user-perceived characters (an accented letter or an
 * emoji is one step, never half of one), counted as core and the server count them.
 */
export interface EditResult {
  value: string;
  caret: number;
}

export function insertAt(value: string, start: number, end: number, text: string, maxLength?: number): EditResult {
  const room =
    maxLength === undefined ? Infinity : maxLength - characterCount(value.slice(0, start) + value.slice(end));
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
