import { describe, expect, it } from 'vitest';
import { displayLineBreaks, hasHiddenControls, revealControls } from '../../../shared/domain/user-text';

describe('user text', () => {
  it('shows the right-to-left override that makes "gnp.exe" look like "exe.png"', () => {
    const name = 'photo\u202Egnp.exe';
    expect(hasHiddenControls(name)).toBe(true);
    expect(revealControls(name)).toBe('photo[RLO]gnp.exe');
  });

  it('names every bidi and zero-width control, and leaves other text alone', () => {
    expect(revealControls('a\u200Bb\u200Dc\u2066d\u2069e\uFEFF')).toBe('a[ZWSP]b[ZWJ]c[LRI]d[PDI]e[BOM]');
    expect(revealControls('José 😀 مرحبا')).toBe('José 😀 مرحبا');
    expect(hasHiddenControls('plain text')).toBe(false);
  });

  it('draws CR LF and a lone CR as a line break', () => {
    expect(displayLineBreaks('one\rtwo\r\nthree\nfour')).toBe('one\ntwo\nthree\nfour');
  });
});
