// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskServices } from '../../../renderer/src/api/ports';
import { ServicesProvider } from '../../../renderer/src/api/services-context';
import { RouterProvider } from '../../../renderer/src/app/router';
import { initI18n } from '../../../renderer/src/i18n';
import { KeyboardProvider } from '../../../renderer/src/keyboard/keyboard-context';
import { OnScreenKeyboard } from '../../../renderer/src/keyboard/OnScreenKeyboard';
import ChangePinScreen from '../../../renderer/src/screens/ChangePinScreen';
import ForgotPinScreen from '../../../renderer/src/screens/signin/ForgotPinScreen';

/** Forgot PIN's keypad steps: DOC, code, a new PIN and again to confirm (the e2e sweep only looks at its first step). */
const i18n = initI18n('en');
afterEach(cleanup);

function show(
  resetPin: (doc: string, code: string, pin: string) => Promise<void>,
  changePin?: (current: string, pin: string) => Promise<void>,
) {
  const services = { auth: { resetPin, changePin } } as unknown as KioskServices;
  render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>
        <RouterProvider initial={{ name: changePin ? 'change-pin' : 'forgot-pin' }}>
          <KeyboardProvider>
            {changePin ? <ChangePinScreen /> : <ForgotPinScreen />}
            <OnScreenKeyboard />
          </KeyboardProvider>
        </RouterProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
}

/** Strings by key (the test builds some keys itself, so not the typed `t`). */
const s = i18n.t.bind(i18n) as unknown as (key: string, options?: Record<string, unknown>) => string;
const type = (label: string, digits: string, button: string) => {
  fireEvent.change(screen.getByLabelText(label), { target: { value: digits } });
  fireEvent.click(screen.getByRole('button', { name: button }));
};

describe('Forgot PIN: a new PIN, then again to confirm', () => {
  it('refuses a short PIN and a confirmation that differs, then resets with the confirmed PIN', async () => {
    const resetPin = vi.fn(() => Promise.resolve());
    show(resetPin);
    type(s('signIn.docLabel'), '100234', s('common.next'));
    // A hardware keyboard's lower case and stray characters are cleaned up: staff codes are capitals, digits, dashes.
    type(s('forgotPin.codeLabel'), 'abcd-efg h', s('common.next'));
    const newLabel = s('forgotPin.newPinLabel', { count: 4 });
    type(newLabel, '12', s('common.next'));
    expect(screen.getByRole('alert').textContent).toBe(s('forgotPin.tooShort', { count: 4 }));
    // A too-short PIN stays to be finished.
    expect(screen.getByLabelText<HTMLInputElement>(newLabel).value).toBe('12');
    type(newLabel, '1234', s('common.next'));
    expect(screen.queryByRole('alert')).toBeNull();
    type(s('forgotPin.confirmLabel'), '4321', s('forgotPin.submit'));
    expect(screen.getByRole('alert').textContent).toBe(s('forgotPin.mismatch'));
    expect(screen.getByLabelText<HTMLInputElement>(s('forgotPin.confirmLabel')).value).toBe('');
    expect(resetPin).not.toHaveBeenCalled();
    type(s('forgotPin.confirmLabel'), '1234', s('forgotPin.submit'));
    expect(resetPin).toHaveBeenCalledWith('100234', 'ABCD-EFGH', '1234');
    expect((await screen.findByRole('status')).textContent).toBe(s('forgotPin.done'));
  });

  it('takes a staff code with letters (ABCD-EFGH) from the on-screen keyboard alone', async () => {
    const resetPin = vi.fn(() => Promise.resolve());
    show(resetPin);
    type(s('signIn.docLabel'), '100234', s('common.next'));
    const field = screen.getByLabelText<HTMLInputElement>(s('forgotPin.codeLabel'));
    fireEvent.click(field);
    const keyboard = screen.getByRole('region', { name: s('keyboard.label') });
    for (const key of 'ABCD-EFGH') {
      fireEvent.click(within(keyboard).getByRole('button', { name: key }));
      await waitFor(() => expect(field.value.endsWith(key)).toBe(true));
    }
    expect(field.value).toBe('ABCD-EFGH');
    fireEvent.click(screen.getByRole('button', { name: s('common.next') }));
    type(s('forgotPin.newPinLabel', { count: 4 }), '2468', s('common.next'));
    type(s('forgotPin.confirmLabel'), '2468', s('forgotPin.submit'));
    expect(resetPin).toHaveBeenCalledWith('100234', 'ABCD-EFGH', '2468');
  });

  it('a refused reset goes back to the code with the reason, and the new PIN is asked for again from empty', async () => {
    const resetPin = vi.fn(() => Promise.reject(new Error('nope')));
    show(resetPin);
    type(s('signIn.docLabel'), '100234', s('common.next'));
    type(s('forgotPin.codeLabel'), '999999', s('common.next'));
    type(s('forgotPin.newPinLabel', { count: 4 }), '2468', s('common.next'));
    type(s('forgotPin.confirmLabel'), '2468', s('forgotPin.submit'));
    await waitFor(() => expect(screen.getByLabelText(s('forgotPin.codeLabel'))).toBeTruthy());
    expect(screen.getByRole('alert').textContent).not.toBe('');
    expect(screen.getByLabelText<HTMLInputElement>(s('forgotPin.codeLabel')).value).toBe('');
    type(s('forgotPin.codeLabel'), '123456', s('common.next'));
    expect(screen.getByLabelText<HTMLInputElement>(s('forgotPin.newPinLabel', { count: 4 })).value).toBe('');
  });
});

describe('Change PIN: the new PIN may not be the current one', () => {
  it('says so and clears it, then changes to a different confirmed PIN', async () => {
    const changePin = vi.fn(() => Promise.resolve());
    show(() => Promise.resolve(), changePin);
    const newLabel = s('changePin.newLabel', { count: 4 });
    type(s('changePin.currentLabel'), '2468', s('common.next'));
    type(newLabel, '2468', s('common.next'));
    expect(screen.getByRole('alert').textContent).toBe(s('changePin.same'));
    expect(screen.getByLabelText<HTMLInputElement>(newLabel).value).toBe('');
    type(newLabel, '1357', s('common.next'));
    type(s('changePin.confirmLabel'), '1357', s('changePin.submit'));
    expect(changePin).toHaveBeenCalledWith('2468', '1357');
    expect((await screen.findByTestId('pin-changed')).textContent).toBe(s('changePin.done'));
  });
});
