import { strFromU8, unzipSync } from 'fflate';

export interface EpubBook {
  title: string;
  /** Chapter documents in reading order, already sanitised (no script, no handlers, no remote refs). */
  chapters: string[];
  /** Blob URLs made for the book's images; revoke them when the book closes. */
  objectUrls: string[];
}

const imageTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

function resolvePath(base: string, href: string): string {
  const parts = (base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '')
    .concat(decodeURIComponent(href.split('#')[0] ?? ''))
    .split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'application/xml');
}

/**
 * Makes one chapter safe to show: the book is untrusted HTML. The frame it goes
 * into already has scripts disabled (sandbox without allow-scripts); this also
 * drops scripts, event handlers, styles (our CSP refuses inline styles anyway),
 * forms, embeds and every link or source that is not one of the book's own images.
 */
function sanitizeChapter(html: string, chapterPath: string, images: Map<string, string>): string {
  const doc = new DOMParser().parseFromString(html, html.includes('<?xml') ? 'application/xhtml+xml' : 'text/html');
  const parsed = doc.querySelector('parsererror') ? new DOMParser().parseFromString(html, 'text/html') : doc;
  parsed
    .querySelectorAll(
      'script, style, link, iframe, object, embed, form, input, button, meta, base, video, audio, source',
    )
    .forEach((el) => el.remove());
  for (const el of Array.from(parsed.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcset' || name === 'formaction')
        el.removeAttribute(attr.name);
    }
    if (el.tagName.toLowerCase() === 'a') el.removeAttribute('href'); // no navigation out of the reader
    const src = el.getAttribute('src') ?? el.getAttribute('xlink:href') ?? el.getAttribute('href');
    if (src !== null && (el.tagName.toLowerCase() === 'img' || el.tagName.toLowerCase() === 'image')) {
      const local = images.get(resolvePath(chapterPath, src));
      if (local) {
        el.setAttribute(el.tagName.toLowerCase() === 'img' ? 'src' : 'href', local);
        el.removeAttribute('xlink:href');
      } else {
        el.remove();
      }
    }
  }
  const body = parsed.body ?? parsed.querySelector('body');
  return body ? body.innerHTML : '';
}

/** Reads an EPUB (a zip) entirely in the page: container → package → spine → chapters. */
export function openEpub(data: Uint8Array): EpubBook {
  const files = unzipSync(data);
  const container = files['META-INF/container.xml'];
  if (!container) throw new Error('not an EPUB: no container.xml');
  const opfPath = parseXml(strFromU8(container)).querySelector('rootfile')?.getAttribute('full-path');
  const opfData = opfPath ? files[opfPath] : undefined;
  if (!opfPath || !opfData) throw new Error('not an EPUB: no package document');
  const opf = parseXml(strFromU8(opfData));
  const manifest = new Map<string, { href: string; type: string }>();
  opf.querySelectorAll('manifest > item').forEach((item) => {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (id && href) manifest.set(id, { href: resolvePath(opfPath, href), type: item.getAttribute('media-type') ?? '' });
  });

  const objectUrls: string[] = [];
  const images = new Map<string, string>();
  for (const { href } of manifest.values()) {
    const ext = href.split('.').pop()?.toLowerCase() ?? '';
    const bytes = files[href];
    const type = imageTypes[ext];
    if (bytes && type && type !== 'image/svg+xml') {
      const url = URL.createObjectURL(new Blob([bytes.slice()], { type }));
      objectUrls.push(url);
      images.set(href, url);
    }
  }

  const chapters: string[] = [];
  opf.querySelectorAll('spine > itemref').forEach((ref) => {
    const item = manifest.get(ref.getAttribute('idref') ?? '');
    const bytes = item ? files[item.href] : undefined;
    if (item && bytes) chapters.push(sanitizeChapter(strFromU8(bytes), item.href, images));
  });
  const title = opf.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'title')[0]?.textContent ?? '';
  return { title, chapters, objectUrls };
}
