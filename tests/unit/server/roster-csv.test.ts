import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/domain/people/csv';
import { HttpError } from '../../../server/http/http-error';

describe('the roster CSV reader', () => {
  it('reads quoted commas, doubled quotes and line breaks, with LF, CRLF or CR endings', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
    ]);
    expect(parseCsv('a,b\r"two\nlines",2\r')).toEqual([
      ['a', 'b'],
      ['two\nlines', '2'],
    ]);
  });

  it('keeps spaces in cells and rows of any length; drops rows with nothing in them; ignores a BOM', () => {
    expect(parseCsv('\uFEFFa , b\n\n  ,  \n 1 \n1,2,3')).toEqual([['a ', ' b'], [' 1 '], ['1', '2', '3']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses a quote that is never closed with a 400', () => {
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow(HttpError);
  });
});
