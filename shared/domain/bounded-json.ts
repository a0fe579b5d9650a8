import { z } from 'zod';

/**
 * Limits on JSON from outside. A body nested 1,518 levels deep once passed
 * validation, was stored, and then overflowed the stack of every reader of
 * it; every JSON body and every free-form JSON field is bounded here.
 */
export const JSON_LIMITS = {
  /** Nesting of a whole request body (objects and arrays); ours never go past 8. */
  bodyDepth: 32,
  /** Nesting inside a free-form field (reading progress, report detail). */
  fieldDepth: 8,
  /** Serialized size of a free-form field. */
  fieldBytes: 16 * 1024,
} as const;

/**
 * The deepest nesting of objects and arrays in JSON text, counted without
 * parsing it (so a hostile depth never reaches a recursive parser), or
 * `Infinity` once past `stopAt`.
 */
export function jsonTextDepth(text: string, stopAt: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return Infinity;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

/** A lone surrogate (half of a UTF-16 pair): no UTF-8 can store it, so storing it would corrupt it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** Whether any string or key in a parsed JSON value holds a lone surrogate (iterative: no stack to overflow). */
export function jsonHasLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (hasLoneSurrogate(next)) return true;
    } else if (Array.isArray(next)) stack.push(...(next as unknown[]));
    else if (next !== null && typeof next === 'object') {
      for (const [key, inner] of Object.entries(next)) {
        if (hasLoneSurrogate(key)) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

/**
 * A free-form JSON object field with its depth and size bounded: checked on
 * the text first, then parsed, so a deep value is refused before zod's
 * recursive `z.json()` walks it.
 */
export const BoundedJsonRecord = z
  .custom<unknown>(
    (value) => {
      let text: string;
      try {
        text = JSON.stringify(value) ?? '';
      } catch {
        return false; // too deep for the serializer itself
      }
      return (
        text.length <= JSON_LIMITS.fieldBytes && jsonTextDepth(text, JSON_LIMITS.fieldDepth) <= JSON_LIMITS.fieldDepth
      );
    },
    {
      message: `JSON field deeper than ${JSON_LIMITS.fieldDepth} levels or larger than ${JSON_LIMITS.fieldBytes} bytes`,
    },
  )
  .pipe(z.record(z.string(), z.json()));
