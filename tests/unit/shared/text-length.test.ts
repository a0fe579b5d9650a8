import { describe, expect, it } from 'vitest';
import { characterCount, truncateCharacters } from '../../../shared/domain/text-length';

/**
 * One length rule for the screen's counter, core's check and the server's:
 * user-perceived characters, whatever their UTF-16 size.
 */
const thumbs = '👍🏽'; // 4 UTF-16 units, one character
const family = '👨‍👩‍👧'; // 8 UTF-16 units, one character
const enye = 'ñ'; // one code point
const enyeDecomposed = 'n\u0303'; // n + combining tilde: two code points, one character

describe('characterCount', () => {
  it('counts emoji and ñ (either form) as one character each', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('mañana')).toBe(6);
    expect(characterCount(`ma${enyeDecomposed}ana`)).toBe(6);
    expect(characterCount(thumbs)).toBe(1);
    expect(characterCount(family)).toBe(1);
    expect(characterCount(`Te quiero ${thumbs}${family}${enye}`)).toBe(13);
    expect(thumbs.length + family.length).toBe(12); // what the old UTF-16 counter said
  });

  it('truncates on character boundaries, never inside an emoji', () => {
    expect(truncateCharacters(`${family}${thumbs}${enyeDecomposed}`, 2)).toBe(`${family}${thumbs}`);
    expect(truncateCharacters('abc', 5)).toBe('abc');
    expect(truncateCharacters(`a${enyeDecomposed}`, 1)).toBe('a');
  });
});
