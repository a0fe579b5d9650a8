import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ECARD_TEMPLATE_IDS } from '../../../shared/domain/ecards';

const css = (path: string) => readFileSync(join(import.meta.dirname, '../../..', path), 'utf8');

describe('eCard styles', () => {
  it('every shared template has colours of its own on the kiosk and in the portal preview', () => {
    const kiosk = css('renderer/src/screens/inbox/ecard-view.css');
    const kioskHighContrast = css('renderer/src/styles/high-contrast.css');
    const portal = css('portal/src/family/ecard-gallery.css');
    for (const id of ECARD_TEMPLATE_IDS) {
      expect(kiosk).toContain(`.ecard--${id} {`);
      expect(portal).toContain(`.ecard-preview--${id} {`);
    }
    expect(kioskHighContrast).toContain('.high-contrast .ecard {');
  });
});
