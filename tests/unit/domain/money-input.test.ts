import { describe, expect, it } from 'vitest';
import { parseAmountCents } from '../../../shared/domain/money-input';

describe('amounts typed in the reader’s locale', () => {
  it.each([
    ['25,50', 2550],
    ['25.50', 2550],
    ['25', 2500],
    ['25,5', 2550],
    ['0.99', 99],
    [' $ 25.50 ', 2550],
    ['25,50 €', 2550],
    ['1.234,56', 123_456],
    ['1,234.56', 123_456],
    ['1 234,56', 123_456],
    ['1,234', 123_400],
    ['1.234', 123_400],
    ['1.234.567', 123_456_700],
    ['25,505', 2_550_500],
  ])('%s is %i cents', (text, cents) => {
    expect(parseAmountCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '25.5.5', '1,234.567', '1.23,45', '-5', '25,', '.50', '12,34,56', '1e3', 'NaN'])(
    '%j is not an amount (null, never NaN)',
    (text) => {
      expect(parseAmountCents(text)).toBeNull();
    },
  );
});
