// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServices } from '../../../renderer/harness/fake-services';
import { ServicesProvider } from '../../../renderer/src/api/services-context';
import { RouterProvider } from '../../../renderer/src/app/router';
import { initI18n } from '../../../renderer/src/i18n';
import { KeyboardProvider } from '../../../renderer/src/keyboard/keyboard-context';
import NewMessageScreen from '../../../renderer/src/screens/compose/NewMessageScreen';

/**
 * The kiosk's compose box sends exactly what it shows: a long paste is kept whole and refused with the
 * count and the limit (never cut to the limit and sent), spaces at either end are sent.
 */
const i18n = initI18n('en');
afterEach(cleanup);

async function compose() {
  const fake = fakeServices({ messageCount: 5 });
  const send = vi.spyOn(fake.services.compose, 'send');
  render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={fake.services}>
        <RouterProvider initial={{ name: 'new-message' }}>
          <KeyboardProvider>
            <NewMessageScreen contactId="c2" />
          </KeyboardProvider>
        </RouterProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
  const box = await screen.findByLabelText<HTMLTextAreaElement>('Your message');
  return { box, send, button: () => screen.getByRole<HTMLButtonElement>('button', { name: /^Send for/ }) };
}

describe('the kiosk compose box', () => {
  it('keeps a long paste whole, shows the count and the limit, and will not send it', async () => {
    const { box, send, button } = await compose();
    fireEvent.change(box, { target: { value: 'a'.repeat(2_500) } });
    expect(box.value).toHaveLength(2_500);
    expect(screen.getByText('2500 of 2000 characters')).toBeTruthy();
    expect(screen.getByText('This message is too long. The limit is 2000 characters.')).toBeTruthy();
    expect(button().disabled).toBe(true);
    fireEvent.submit(button().closest('form') as HTMLFormElement);
    expect(send).not.toHaveBeenCalled();
  });

  it('sends the text exactly as written, spaces at either end too', async () => {
    const { box, send, button } = await compose();
    fireEvent.change(box, { target: { value: '  hasta el domingo  ' } });
    expect(screen.getByText('20 of 2000 characters')).toBeTruthy();
    fireEvent.click(button());
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]?.[0]).toMatchObject({ body: '  hasta el domingo  ', contactId: 'c2' });
  });
});
