// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WriteMessage } from '../../../portal/src/family/WriteMessage';
import en from '../../../portal/src/locales/en.json';
import es from '../../../portal/src/locales/es.json';

/**
 * The family's message form sends exactly what is in the box: a long paste is kept whole, counted and
 * refused with the limit (never cut), spaces at either end are sent, an emoji counts as one.
 */
const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: 'en',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show() {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init: RequestInit) => {
      posted.push(JSON.parse(typeof init.body === 'string' ? init.body : '{}'));
      return Promise.resolve(new Response(JSON.stringify({ id: 'x', status: 'approved' }), { status: 200 }));
    }),
  );
  const run = (work: () => Promise<void>) => work();
  render(
    <I18nextProvider i18n={i18n}>
      <WriteMessage approved={[]} run={run} onSent={() => Promise.resolve()} />
    </I18nextProvider>,
  );
  return posted;
}
const box = () => screen.getByLabelText<HTMLTextAreaElement>('Message');
const send = () => screen.getByRole('button', { name: 'Send' });

describe('the family message form', () => {
  it('keeps a long paste whole, says it is over the limit and does not send it', () => {
    const posted = show();
    fireEvent.change(box(), { target: { value: 'a'.repeat(2_500) } });
    expect(box().value).toHaveLength(2_500);
    expect(screen.getByText(/2500 characters: the limit is 2000/)).toBeTruthy();
    expect(send()).toHaveProperty('disabled', true);
    fireEvent.submit(send().closest('form') as HTMLFormElement);
    expect(posted).toEqual([]);
  });

  it('counts as the server does and sends the text exactly as written, spaces at either end too', async () => {
    const posted = show();
    const text = '  👨‍👩‍👧 see you Sunday  ';
    fireEvent.change(box(), { target: { value: text } });
    expect(screen.getByText(/^20 of 2000 characters/)).toBeTruthy();
    fireEvent.submit(send().closest('form') as HTMLFormElement);
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ body: text });
  });
});
