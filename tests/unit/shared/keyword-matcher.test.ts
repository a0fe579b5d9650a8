import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../../shared/domain/keyword-matcher';
import { normaliseForMatch } from '../../../shared/domain/normalise-for-match';
import { keywordList, message } from '../../bench/support/keyword-corpus';

const words = (text: string, list: string[]) =>
  new KeywordMatcher(list).match(text).map((hit) => ({ term: hit.term, seen: text.slice(hit.start, hit.end) }));

describe('keyword matcher', () => {
  it('ignores case and accents on either side', () => {
    expect(words('Traigo la DROGA mañana', ['droga'])).toEqual([{ term: 'droga', seen: 'DROGA' }]);
    expect(words('una pistola en la celda', ['PISTÓLA'])).toEqual([{ term: 'PISTÓLA', seen: 'pistola' }]);
    expect(words('Say hello to José', ['jose'])).toEqual([{ term: 'jose', seen: 'José' }]);
    // A combining accent written as its own code point is part of the highlighted word.
    expect(words('Jose\u0301 vino', ['josé'])).toEqual([{ term: 'josé', seen: 'Jose\u0301' }]);
  });

  it('is not fooled by zero-width characters, soft hyphens or bidi controls', () => {
    expect(words('dr\u200Bo\u200Dga', ['droga'])).toEqual([{ term: 'droga', seen: 'dr\u200Bo\u200Dga' }]);
    expect(words('es\u00ADcape tonight', ['escape'])).toHaveLength(1);
    expect(words('\u202Eweapon\u202C here', ['weapon'])).toHaveLength(1);
    expect(words('w\uFEFFeapon', ['weapon'])).toHaveLength(1);
  });

  it('matches whole words only, never inside another word', () => {
    expect(words('el armario está lleno', ['arma'])).toEqual([]);
    expect(words('desarmar', ['arma'])).toEqual([]);
    expect(words('passcode', ['pass'])).toEqual([]);
    expect(words('¡Arma! (arma) arma.', ['arma']).map((h) => h.seen)).toEqual(['Arma', 'arma', 'arma']);
  });

  it('finds the Spanish inflections a list entry names, reported as the entry', () => {
    const list = ['droga|drogas|drogado|drogada'];
    expect(words('Las drogas y el drogado', list)).toEqual([
      { term: 'droga', seen: 'drogas' },
      { term: 'droga', seen: 'drogado' },
    ]);
    // Inflections the list does not name are not guessed.
    expect(words('drogadicto', list)).toEqual([]);
  });

  it('matches phrases across any white space and line breaks', () => {
    expect(words('a la  salida\n del patio', ['la salida del patio'])).toEqual([
      { term: 'la salida del patio', seen: 'la  salida\n del patio' },
    ]);
  });

  it('reports overlapping terms and keeps offsets right after astral characters', () => {
    const text = '😀 big gun show';
    const hits = words(text, ['gun', 'big gun', 'gun show']);
    expect(hits.map((h) => h.seen).sort()).toEqual(['big gun', 'gun', 'gun show']);
  });

  it('finds what a naive scan finds on a generated list and message', () => {
    const list = keywordList(300, 3);
    const text = message(4000, 5);
    const matcher = new KeywordMatcher(list);
    const fast = matcher.match(text).map((h) => `${h.start}:${h.end}:${h.term}`);
    // Naive: every form of every entry, searched with a whole-word regular expression over lower-cased text.
    const naive: string[] = [];
    const lower = text.toLowerCase();
    for (const entry of list) {
      const forms = entry.split('|');
      for (const form of forms) {
        const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${form.normalize('NFC')}(?![\\p{L}\\p{N}])`, 'gu');
        for (const m of lower.matchAll(pattern)) naive.push(`${m.index}:${m.index + m[0].length}:${forms[0]}`);
      }
    }
    expect(fast.length).toBeGreaterThan(0);
    expect(new Set(fast)).toEqual(new Set(naive));
  });

  it('an empty list matches nothing', () => {
    expect(new KeywordMatcher([]).match('anything')).toEqual([]);
    expect(new KeywordMatcher([' ', '|']).size).toBe(0);
  });

  it('normalisation keeps the way back to the original text', () => {
    const n = normaliseForMatch('Ñu\u200B É');
    expect(Array.from(n.codes.subarray(0, n.length), (c) => String.fromCharCode(c)).join('')).toBe('nu e');
    expect(Array.from(n.origin.subarray(0, n.length))).toEqual([0, 1, 3, 4]);
  });
});
