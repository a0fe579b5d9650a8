import { DOMParser, type Element } from '@xmldom/xmldom';
import { EpubArchiveError, epubLimits, unpackEpub } from '../../shared/media/epub-archive';
import { HttpError } from '../http/http-error';

const OPF = 'http://www.idpf.org/2007/opf';
const DC = 'http://purl.org/dc/elements/1.1/';
const CONTAINER = 'urn:oasis:names:tc:opendocument:xmlns:container';
/** What a book's text may be in; anything else is kept out of the first pass (images, fonts, audio). */
const TEXT_ENTRY = /\.(xhtml|html|htm|xml|opf|ncx|svg|js|mjs)$/i;
const COVER_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export interface EpubFacts {
  title: string;
  author: string;
  /** The book's dc:language as written (e.g. 'es-MX'), or ''. */
  language: string;
  description: string;
  cover: { bytes: Uint8Array; mime: string } | null;
}

const refuse = (code: string, message: string, params: Record<string, string> = {}) =>
  new HttpError(422, code, message, params);

/** Inflates the entries `want` names, under the reader's limits (a bomb stops at the first limit). */
function inflate(bytes: Uint8Array, want: (name: string) => boolean): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  try {
    unpackEpub(bytes, epubLimits, (name, data) => {
      if (want(name)) files.set(name, data);
    });
  } catch (error) {
    if (error instanceof EpubArchiveError)
      throw refuse(error.code === 'over_limits' ? 'book_over_limits' : 'book_broken', error.message);
    throw error;
  }
  return files;
}

function parseXml(bytes: Uint8Array, name: string) {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(new TextDecoder().decode(bytes), 'application/xml');
  } catch (error) {
    throw refuse('book_broken', `${name} is not well-formed XML: ${(error as Error).message}`, { entry: name });
  }
}

/** A path inside the zip from an href relative to the package file (no escaping above the root). */
function resolve(base: string, href: string): string {
  const parts = base.split('/').slice(0, -1);
  for (const part of decodeURIComponent(href.split('#')[0] ?? '').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

const text = (el: Element | undefined | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads a book staff upload, refusing it with a reason code unless it is a
 * readable EPUB the kiosks' reader would open: a container naming a package,
 * a package with a spine whose every item is in the book, and no script (no
 * script file, no `scripted` item, no `<script>` in any page: the reader strips
 * scripts anyway; a book that carries them is not one a facility offers).
 * The title, author, language, description and cover come from the package.
 */
export function readEpub(bytes: Uint8Array): EpubFacts {
  const files = inflate(bytes, (name) => TEXT_ENTRY.test(name) || name === 'mimetype');
  const mimetype = files.get('mimetype');
  const containerXml = files.get('META-INF/container.xml');
  if (!containerXml || (mimetype && new TextDecoder().decode(mimetype).trim() !== 'application/epub+zip'))
    throw refuse('book_not_epub', 'no META-INF/container.xml: this zip is not an EPUB');
  const rootfile = parseXml(containerXml, 'META-INF/container.xml').getElementsByTagNameNS(CONTAINER, 'rootfile')[0];
  const opfPath = rootfile?.getAttribute('full-path') ?? '';
  const opfBytes = files.get(opfPath);
  if (!opfBytes) throw refuse('book_no_package', `the container names no package file (${opfPath})`);
  const pkg = parseXml(opfBytes, opfPath);
  const manifest = new Map<string, { path: string; type: string; properties: string[] }>();
  for (const item of Array.from(pkg.getElementsByTagNameNS(OPF, 'item'))) {
    manifest.set(item.getAttribute('id') ?? '', {
      path: resolve(opfPath, item.getAttribute('href') ?? ''),
      type: item.getAttribute('media-type') ?? '',
      properties: (item.getAttribute('properties') ?? '').split(/\s+/),
    });
  }
  const spine = Array.from(pkg.getElementsByTagNameNS(OPF, 'itemref')).map((ref) => ref.getAttribute('idref') ?? '');
  if (spine.length === 0) throw refuse('book_no_spine', 'the package has no reading order (spine)');
  for (const idref of spine) {
    const item = manifest.get(idref);
    if (!item || !files.has(item.path))
      throw refuse('book_spine_missing', `the spine names ${idref}, which is not in the book`, { item: idref });
  }
  for (const [name, data] of files) {
    const scriptFile = /\.(m?js)$/i.test(name);
    const page = /\.(xhtml|html|htm|svg)$/i.test(name) && /<script[\s>/]/i.test(new TextDecoder().decode(data));
    if (scriptFile || page) throw refuse('book_has_script', `${name} carries a script`, { entry: name });
  }
  for (const item of manifest.values()) {
    if (item.properties.includes('scripted') || /javascript|ecmascript/i.test(item.type))
      throw refuse('book_has_script', `${item.path} is a script or scripted`, { entry: item.path });
  }
  const dc = (name: string) => text(pkg.getElementsByTagNameNS(DC, name)[0]);
  const title = dc('title');
  if (!title) throw refuse('book_no_title', 'the package has no dc:title');
  return {
    title: title.slice(0, 300),
    author: dc('creator').slice(0, 200),
    language: dc('language').slice(0, 35),
    description: dc('description')
      .replace(/<[^>]*>/g, '')
      .slice(0, 2000),
    cover: readCover(bytes, manifest, pkg.getElementsByTagNameNS(OPF, 'meta')),
  };
}

/** The cover: the item marked `cover-image` (EPUB 3) or named by `<meta name="cover">` (EPUB 2), if an image. */
function readCover(
  bytes: Uint8Array,
  manifest: Map<string, { path: string; type: string; properties: string[] }>,
  metas: ArrayLike<Element>,
): EpubFacts['cover'] {
  const byProperty = [...manifest.values()].find((item) => item.properties.includes('cover-image'));
  const metaId = Array.from(metas)
    .find((meta) => meta.getAttribute('name') === 'cover')
    ?.getAttribute('content');
  const item = byProperty ?? (metaId ? manifest.get(metaId) : undefined);
  if (!item || !COVER_TYPES.has(item.type)) return null;
  const data = inflate(bytes, (name) => name === item.path).get(item.path);
  return data ? { bytes: data, mime: item.type } : null;
}
