import { indexLabels, type IndexLabels } from '../../../shared/export/index-labels';
import { mediaEntryPath } from '../../../shared/export/manifest';
import type { PersonRow, PersonView } from './person-views';

/**
 * The person's export as one page, `index.html`, readable offline in any browser: no script at
 * all, styles inline, every value escaped, and a CSP that forbids anything but the export's own
 * files (no request leaves the computer). Written as a stream, a section per view.
 */
const CSP =
  "default-src 'none'; img-src 'self' file:; media-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#111;background:#fff}
h1,h2{line-height:1.2}section{margin:2rem 0}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
article{border:1px solid #999;border-radius:.5rem;padding:.75rem;margin:.75rem 0}article.out{background:#eef4ff}img,video{max-width:100%;height:auto;display:block;margin:.5rem 0}
.meta{color:#333;font-size:.9rem}.certificate{border:3px double #333;padding:1rem;margin:1rem 0;text-align:center}`;

const escapeHtml = (value: unknown): string =>
  (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '').replace(
    /[&<>"']/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );

interface Format {
  readonly t: IndexLabels;
  date(ms: unknown): string;
  money(cents: unknown): string;
}

function formatFor(language: string, timeZone: string): Format {
  const locale = language === 'es' ? 'es-US' : 'en-US';
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
  return {
    t: indexLabels[language === 'es' ? 'es' : 'en'],
    date: (ms) => (typeof ms === 'number' ? dates.format(ms) : ''),
    money: (cents) => (typeof cents === 'number' ? money.format(cents / 100) : ''),
  };
}

type Media = { sha256: string; mime: string; alt?: string };

function message(row: PersonRow, f: Format, side: 'inmate' | 'family'): string {
  const inmateWrote = row.direction === 'out';
  const from = inmateWrote ? row.inmateName : row.contactName;
  const to = inmateWrote ? row.contactName : row.inmateName;
  const mine = (side === 'inmate') === inmateWrote;
  const photos = ((row.photos ?? []) as Media[])
    .map((p) => `<img src="${escapeHtml(mediaEntryPath(p.sha256))}" alt="${escapeHtml(p.alt || f.t.photo)}">`)
    .join('');
  const video = row.videogram as { video: Media; captions: Media | null } | null;
  const videoHtml = video
    ? `<video controls preload="metadata" src="${escapeHtml(mediaEntryPath(video.video.sha256))}" aria-label="${escapeHtml(f.t.videogram)}">${
        video.captions ? `<track kind="captions" src="${escapeHtml(mediaEntryPath(video.captions.sha256))}">` : ''
      }</video>`
    : '';
  const ecard = row.ecard as { templateId: string; greeting: string } | null;
  const ecardHtml = ecard ? `<p><strong>${escapeHtml(f.t.ecard)}:</strong> ${escapeHtml(ecard.greeting)}</p>` : '';
  const reason = row.rejectionReason
    ? `<p>${escapeHtml(f.t.reason)}: ${escapeHtml(row.rejectionReason)} ${escapeHtml(row.reasonNote)}</p>`
    : '';
  return `<article class="${mine ? 'out' : 'in'}" data-message="${escapeHtml(row.id)}"><p class="meta">${escapeHtml(f.t.from)}: ${escapeHtml(from)} · ${escapeHtml(f.t.to)}: ${escapeHtml(to)} · ${escapeHtml(f.date(row.createdAt))} · ${escapeHtml(f.t.status)}: ${escapeHtml(row.status)}</p>${ecardHtml}<p>${escapeHtml(row.body).replace(/\n/g, '<br>')}</p>${photos}${videoHtml}${reason}</article>`;
}

function table(headers: string[], cells: string[]): string {
  return `<tr>${cells.map((c, i) => `<td data-label="${escapeHtml(headers[i])}">${c}</td>`).join('')}</tr>`;
}

/** One row of a view as HTML. */
function rowHtml(view: string, row: PersonRow, f: Format, side: 'inmate' | 'family'): string {
  const e = escapeHtml;
  switch (view) {
    case 'messages':
      return message(row, f, side);
    case 'contacts':
      return `<li>${e(row.displayName ?? row.inmateName)} ${row.relationship ? `(${e(row.relationship)})` : ''} · ${e(row.status)}</li>`;
    case 'ledger':
      return table([], [e(f.date(row.at)), e(row.kind), e(f.money(row.amountCents))]);
    case 'purchases': {
      const receipt = row.receipt as { ledgerLineId: string } | null;
      return table(
        [],
        [e(f.date(row.acquiredAt)), e(row.title), e(f.money(row.pricePaidCents)), e(receipt?.ledgerLineId ?? '')],
      );
    }
    case 'courses': {
      const done = (row.completedLessonIds as unknown[]).length;
      const certificate =
        typeof row.certificateIssuedAt === 'number'
          ? `<div class="certificate"><h3>${e(f.t.certificate)}</h3><p>${e(f.t.certificateText)} <strong>${e(row.title)}</strong></p><p>${e(f.date(row.certificateIssuedAt))}</p></div>`
          : '';
      return `<div><h3>${e(row.title)}</h3><p>${e(f.t.lessonsDone)}: ${done}</p>${certificate}</div>`;
    }
    case 'tickets': {
      const replies = (row.replies ?? []) as { body?: string; at?: number }[];
      return `<article><p class="meta">${e(f.date(row.createdAt))} · ${e(row.status)}</p><p><strong>${e(row.subject)}</strong></p>${replies.map((r) => `<p>${e(f.date(r.at))}: ${e(r.body)}</p>`).join('')}</article>`;
    }
    case 'deposits':
      return table(
        [],
        [e(f.date(row.at)), e(row.to), e(f.money(row.amountCents)), e(f.money(row.feeCents)), e(row.status)],
      );
    case 'scheduled_deposits':
      return table([], [e(f.date(row.nextAt)), e(f.money(row.amountCents)), e(row.recurrence)]);
    default:
      return '';
  }
}

const headings: Record<string, (t: IndexLabels) => { title: string; columns?: string[] }> = {
  contacts: (t) => ({ title: t.contacts }),
  messages: (t) => ({ title: t.messages }),
  ledger: (t) => ({ title: t.ledger, columns: [t.date, t.item, t.amount] }),
  purchases: (t) => ({ title: t.purchases, columns: [t.date, t.item, t.amount, t.receipt] }),
  courses: (t) => ({ title: t.courses }),
  tickets: (t) => ({ title: t.tickets }),
  deposits: (t) => ({ title: t.deposits, columns: [t.date, t.to, t.amount, t.fee, t.status] }),
  scheduled_deposits: (t) => ({ title: t.scheduledDeposits, columns: [t.date, t.amount, t.status] }),
};

/** The page, chunk by chunk, reading each view again (a person's views are small, but it never holds them all). */
export async function* personHtml(
  views: PersonView[],
  options: { name: string; language: string; timeZone: string; createdAt: number; side: 'inmate' | 'family' },
): AsyncGenerator<string> {
  const f = formatFor(options.language, options.timeZone);
  const lang = options.language === 'es' ? 'es' : 'en';
  yield `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(f.t.title)} · ${escapeHtml(options.name)}</title><style>${STYLE}</style></head><body><main>`;
  yield `<h1>${escapeHtml(f.t.title)} · ${escapeHtml(options.name)}</h1><p>${escapeHtml(f.t.intro)}</p><p class="meta">${escapeHtml(f.t.madeAt)} ${escapeHtml(f.date(options.createdAt))}</p><p class="meta">${escapeHtml(f.t.files)}</p>`;
  for (const view of views) {
    const heading = headings[view.name]?.(f.t);
    if (!heading) continue;
    yield `<section id="${view.name}"><h2>${escapeHtml(heading.title)}</h2>`;
    const list = view.name === 'contacts' ? ['<ul>', '</ul>'] : heading.columns ? ['<table>', '</table>'] : ['', ''];
    yield list[0] ?? '';
    if (heading.columns)
      yield `<tr>${heading.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
    let any = false;
    for await (const row of view.rows()) {
      any = true;
      yield rowHtml(view.name, row, f, options.side);
    }
    yield list[1] ?? '';
    if (!any) yield `<p>${escapeHtml(f.t.none)}</p>`;
    yield '</section>';
  }
  yield '</main></body></html>\n';
}
