// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { useState } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ECardGallery } from '../../../portal/src/family/ECardGallery';
import en from '../../../portal/src/locales/en.json';
import es from '../../../portal/src/locales/es.json';
import { ECARD_TEMPLATE_IDS } from '../../../shared/domain/ecards';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});
afterEach(cleanup);

function Harness({ seen }: { seen: string[] }) {
  const [value, setValue] = useState('');
  return (
    <ECardGallery
      value={value}
      onChange={(id) => {
        seen.push(id);
        setValue(id);
      }}
    />
  );
}

describe('the eCard gallery', () => {
  it('is one labelled radio group: no eCard, then every template by its translated name', async () => {
    await i18n.changeLanguage('en');
    const seen: string[] = [];
    render(
      <I18nextProvider i18n={i18n}>
        <Harness seen={seen} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('group', { name: 'eCard' })).toBeTruthy();
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['', ...ECARD_TEMPLATE_IDS]);
    expect(new Set(radios.map((r) => (r as HTMLInputElement).name)).size).toBe(1);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'No eCard' }).checked).toBe(true);
    for (const id of ECARD_TEMPLATE_IDS)
      expect(screen.getByRole('radio', { name: en.ecard.template[id] })).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'Happy birthday!' }));
    expect(seen).toEqual(['birthday']);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Happy birthday!' }).checked).toBe(true);
    // Previews are decoration: no extra names for screen readers.
    for (const preview of document.querySelectorAll('.ecard-preview'))
      expect(preview.getAttribute('aria-hidden')).toBe('true');
  });

  it('names the templates in Spanish', async () => {
    await i18n.changeLanguage('es');
    render(
      <I18nextProvider i18n={i18n}>
        <ECardGallery value="" onChange={() => undefined} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('group', { name: 'Tarjeta' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '¡Feliz cumpleaños!' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Sin tarjeta' })).toBeTruthy();
  });
});
