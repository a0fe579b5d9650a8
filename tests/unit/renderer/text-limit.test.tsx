// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { characterCount } from '../../../shared/domain/text-length';
import { initI18n } from '../../../renderer/src/i18n';
import { insertAt } from '../../../renderer/src/keyboard/edit';
import { KeyboardProvider } from '../../../renderer/src/keyboard/keyboard-context';
import { TextField } from '../../../renderer/src/keyboard/TextField';

/** The screen counts message length as core and the server do (shared/domain/text-length): ñ and emoji are one. */
const i18n = initI18n('en');
afterEach(cleanup);
const thumbs = '👍🏽';
const enye = 'ñ';
const enyeDecomposed = 'n\u0303';

describe('the on-screen keyboard limit', () => {
  it('lets a limit of N take N emoji (UTF-16 would stop at half)', () => {
    let value = '';
    for (let i = 0; i < 12; i += 1) value = insertAt(value, value.length, value.length, thumbs, 10).value;
    expect(characterCount(value)).toBe(10);
    expect(value).toBe(thumbs.repeat(10));
  });

  it('counts ñ as one at the limit, in either form', () => {
    const full = insertAt('', 0, 0, enyeDecomposed.repeat(3) + enye, 4).value;
    expect(characterCount(full)).toBe(4);
    expect(insertAt(full, full.length, full.length, 'x', 4).value).toBe(full);
  });
});

function Field({ max }: { max: number }) {
  const [value, setValue] = useState('');
  return (
    <I18nextProvider i18n={i18n}>
      <KeyboardProvider>
        <TextField
          label="Message"
          value={value}
          onChange={setValue}
          multiline
          maxLength={max}
          hint={i18n.t('compose.counter', { count: characterCount(value), max })}
        />
      </KeyboardProvider>
    </I18nextProvider>
  );
}

describe('a text field with a limit', () => {
  it('takes typed emoji up to the limit in characters, and its counter says so', () => {
    render(<Field max={3} />);
    const box = screen.getByLabelText('Message');
    expect(box.getAttribute('maxlength')).toBeNull(); // the native limit would count UTF-16 units
    fireEvent.change(box, { target: { value: `${thumbs}${enye}${enyeDecomposed}${thumbs}` } });
    expect((box as HTMLTextAreaElement).value).toBe(`${thumbs}${enye}${enyeDecomposed}`);
    expect(screen.getByText('3 of 3 characters')).toBeTruthy();
  });
});
