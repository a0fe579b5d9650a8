// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../renderer/src/i18n';
import en from '../../../renderer/src/i18n/locales/en.json';
import es from '../../../renderer/src/i18n/locales/es.json';
import { ECardView } from '../../../renderer/src/screens/inbox/ECardView';
import { ECARD_TEMPLATE_IDS } from '../../../shared/domain/ecards';

const i18n = initI18n('en');
afterEach(cleanup);

function show(template: string, greeting = 'We miss you') {
  return render(
    <I18nextProvider i18n={i18n}>
      <ECardView card={{ template, greeting }} />
    </I18nextProvider>,
  ).container;
}

describe('an eCard rendered from its template', () => {
  for (const id of ECARD_TEMPLATE_IDS) {
    it(`${id}: a printed title in both languages, a hidden motif, the greeting as text`, async () => {
      await i18n.changeLanguage('en');
      const container = show(id, '<b>not html</b>');
      const card = container.querySelector('.ecard');
      expect(card?.getAttribute('data-template')).toBe(id);
      expect(card?.classList.contains(`ecard--${id}`)).toBe(true);
      expect(container.querySelector('.ecard__title')?.textContent).toBe(en.ecard.template[id]);
      expect(container.querySelector('svg.ecard__motif')?.getAttribute('aria-hidden')).toBe('true');
      expect(container.querySelector('svg.ecard__motif')?.childElementCount).toBeGreaterThan(0);
      expect(screen.getByText('<b>not html</b>')).toBeTruthy();
      expect(container.querySelector('b')).toBeNull();

      await i18n.changeLanguage('es');
      cleanup();
      expect(show(id).querySelector('.ecard__title')?.textContent).toBe(es.ecard.template[id]);
      await i18n.changeLanguage('en');
    });
  }

  it('prints "Happy birthday!" / "¡Feliz cumpleaños!" for the birthday card', async () => {
    expect(show('birthday').querySelector('.ecard__title')?.textContent).toBe('Happy birthday!');
    cleanup();
    await i18n.changeLanguage('es');
    expect(show('birthday').querySelector('.ecard__title')?.textContent).toBe('¡Feliz cumpleaños!');
    await i18n.changeLanguage('en');
  });

  it('falls back to a plain card for an unknown template (never a class or key made from it)', () => {
    const container = show('halloween"><script>');
    const card = container.querySelector('.ecard');
    expect(card?.getAttribute('data-template')).toBe('plain');
    expect(card?.className).toBe('ecard ecard--plain');
    expect(container.querySelector('.ecard__title')?.textContent).toBe(en.ecard.template.plain);
    expect(screen.getByText('We miss you')).toBeTruthy();
  });
});
