import { describe, expect, it } from 'vitest';
import { personHtml } from '../../../server/domain/export/person-html';
import type { PersonView } from '../../../server/domain/export/person-views';
import { ExportManifest, EXPORT_FORMAT } from '../../../shared/export/manifest';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
const view = (name: string, rows: Record<string, unknown>[]): PersonView => ({
  name,
  // eslint-disable-next-line @typescript-eslint/require-await -- a view's rows come from the database; these from here
  async *rows() {
    yield* rows;
  },
});

async function page(views: PersonView[], language = 'en') {
  let html = '';
  for await (const chunk of personHtml(views, {
    name: hostile,
    language,
    timeZone: 'America/Chicago',
    createdAt: Date.UTC(2026, 10, 29),
    side: 'inmate',
  }))
    html += chunk;
  return html;
}

describe("a person's export page", () => {
  it('escapes every value, so a message cannot run script or load anything', async () => {
    const html = await page([
      view('contacts', [{ id: '1', displayName: hostile, relationship: hostile, status: 'approved' }]),
      view('messages', [
        {
          id: hostile,
          direction: 'in',
          inmateName: hostile,
          contactName: hostile,
          body: hostile,
          status: 'approved',
          createdAt: 1,
          photos: [{ sha256: 'a'.repeat(64), mime: 'image/png', alt: hostile }],
          ecard: { templateId: 'x', greeting: hostile },
          videogram: null,
        },
      ]),
      view('tickets', [
        { id: '1', subject: hostile, status: 'open', replies: [{ body: hostile, at: 2 }], createdAt: 1 },
      ]),
    ]);
    expect(html).not.toContain('<script');
    // Every < of the person's text is escaped, so the only elements are the page's own: one img (the photo).
    expect(html.match(/<img/g)).toHaveLength(1);
    expect(html).not.toContain(hostile);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain(`src="media/aa/${'a'.repeat(64)}"`);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('is written in Spanish for a Spanish speaker, with money and dates in the facility zone', async () => {
    const html = await page(
      [view('ledger', [{ id: '1', kind: 'deposit', amountCents: 12345, at: Date.UTC(2026, 0, 2, 3) }])],
      'es',
    );
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Movimientos de la cuenta');
    expect(html).toContain('123.45');
    // 03:00 UTC on 2 January is still 1 January in Chicago.
    expect(html).toMatch(/1 ene/);
  });
});

describe('the export manifest', () => {
  const base = {
    format: EXPORT_FORMAT,
    version: 1,
    kind: 'facility',
    createdAt: 1,
    generator: 'g',
    schema: '0009_export',
    subject: { id: 'f', name: 'F' },
    tables: [],
    media: [],
    files: [],
  };
  it('takes entry paths inside the archive only', () => {
    expect(
      ExportManifest.safeParse({ ...base, files: [{ path: 'index.html', bytes: 1, sha256: 'a'.repeat(64) }] }).success,
    ).toBe(true);
    for (const path of ['../etc/passwd', '/abs', 'a/../b', 'a//b', '.hidden', 'a\\b', ''])
      expect(ExportManifest.safeParse({ ...base, files: [{ path, bytes: 1, sha256: 'a'.repeat(64) }] }).success).toBe(
        false,
      );
  });
  it('refuses another version', () => {
    expect(ExportManifest.safeParse({ ...base, version: 2 }).success).toBe(false);
  });
});
