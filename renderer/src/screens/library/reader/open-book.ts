import { EPUB, type TocItem } from 'foliate-js/epub.js';
import { epubLimits } from '../../../../../shared/media/epub-archive';
import { BookArchive } from './book-archive';
import { BookError } from './book-error';
import { nextTask } from './next-task';
import { chapterBodyHtml, sanitizeBody } from './sanitize';

/** One line of the table of contents, flattened with its depth; `index` is the chapter (spine) it opens. */
interface TocEntry {
  label: string;
  href: string;
  depth: number;
  index: number;
}

/** A chapter ready for the frame: sanitised body HTML and the language it is written in. */
export interface Chapter {
  html: string;
  lang: string | null;
}

export interface Book {
  title: string;
  lang: string | null;
  /** Spine base CFIs, in reading order. */
  sections: readonly { id: string; cfi: string }[];
  toc: readonly TocEntry[];
  chapter(index: number): Promise<Chapter>;
  /** An in-book href (path#fragment) as chapter index and fragment id. */
  resolveHref(href: string): { index: number; fragment: string | null } | null;
  /** The chapter a CFI of this book points into, or -1. */
  chapterOfCfi(cfi: string): number;
  close(): void;
}

const text = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object'
      ? (Object.values(value as Record<string, string>)[0] ?? null)
      : null;

/**
 * A contents entry's target as a path the book has. Some real books (Debian's
 * Sphinx-made guide) write their contents relative to the wrong folder: an
 * entry whose file name matches exactly one chapter goes to that chapter.
 */
function tocHref(book: EPUB, href: string): string | null {
  const target = book.resolveHref(href);
  if (target && target.index >= 0) return href;
  const [path = '', fragment] = href.split('#');
  const name = path.split('/').pop();
  const matches = book.sections.filter((s) => s.id.split('/').pop() === name);
  const only = matches.length === 1 ? matches[0] : undefined;
  return only ? `${only.id}${fragment ? `#${fragment}` : ''}` : null;
}

function flatten(items: readonly TocItem[] | undefined, book: EPUB, depth = 0, out: TocEntry[] = []): TocEntry[] {
  for (const item of items ?? []) {
    const href = item.href ? tocHref(book, item.href) : null;
    const target = href ? book.resolveHref(href) : null;
    if (href && target && target.index >= 0)
      out.push({ label: item.label.trim() || '…', href, depth, index: target.index });
    if (out.length >= 2_000) return out;
    flatten(item.subitems ?? undefined, book, depth + 1, out);
  }
  return out;
}

/*
 * Why foliate-js's parser and our own paginator: foliate-js (maintained, the engine of the Foliate reader)
 * parses EPUB 2 and 3 well and has a tested CFI implementation, but its renderer puts chapters in blob:
 * frames with `allow-scripts` (its README: the sandbox is then useless) and styles them with inline
 * <style>, which our CSP refuses; epub.js (futurepress) is barely maintained and ships JSZip. So: the
 * parser and CFIs from foliate-js, the layout in our script-less frame (CSS columns set through the CSSOM).
 */

/**
 * Opens an EPUB for the reader: fetched from local media, unpacked under the
 * limits in a Web Worker, then parsed by foliate-js (container, package, spine,
 * navigation document or NCX). Chapters are read and sanitised one at a time.
 */
export async function openBook(url: string): Promise<Book> {
  let bytes: ArrayBuffer;
  try {
    const response = await fetch(url); // local media only: the CSP's connect-src is 'self'
    if (!response.ok) throw new Error(`book ${response.status}`);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > epubLimits.archiveBytes) throw new BookError('over_limits', `file of ${length} bytes`, 'archive');
    bytes = await response.arrayBuffer();
  } catch (error) {
    if (error instanceof BookError) throw error;
    throw new BookError('unavailable', error instanceof Error ? error.message : String(error));
  }
  const archive = await BookArchive.open(bytes);
  try {
    if (!archive.has('META-INF/container.xml')) throw new BookError('broken', 'no META-INF/container.xml');
    let epub: EPUB;
    try {
      epub = await new EPUB(archive).init();
    } catch (error) {
      // foliate-js cannot index an empty spine: tell that book apart from a broken one.
      if (await spineIsEmpty(archive)) throw new BookError('empty', 'the spine is empty');
      throw new BookError('broken', error instanceof Error ? error.message : String(error));
    }
    const sections = epub.sections.filter((s) => archive.has(s.id));
    if (sections.length === 0) throw new BookError('empty', 'the spine names no chapter the book contains');
    await nextTask();
    return readerBook(epub, archive);
  } catch (error) {
    archive.close();
    throw error;
  }
}

async function spineIsEmpty(archive: BookArchive): Promise<boolean> {
  const parse = (xml: string | null) => (xml ? new DOMParser().parseFromString(xml, 'application/xml') : null);
  const container = parse(await archive.loadText('META-INF/container.xml'));
  const opfPath = container?.getElementsByTagName('rootfile')[0]?.getAttribute('full-path');
  const opf = opfPath ? parse(await archive.loadText(opfPath)) : null;
  return !!opf && !opf.querySelector('parsererror') && opf.getElementsByTagName('itemref').length === 0;
}

function readerBook(epub: EPUB, archive: BookArchive): Book {
  const types = new Map(epub.resources.manifest.map((item) => [item.href, item.mediaType]));
  const images = new Map<string, Promise<string | null>>();
  const imageUrl = (path: string): Promise<string | null> => {
    const type = types.get(path) ?? '';
    if (!type.startsWith('image/') || !archive.has(path)) return Promise.resolve(null);
    let url = images.get(path);
    if (!url) {
      url = archive.loadBlob(path, type).then((blob) => (blob ? URL.createObjectURL(blob) : null));
      images.set(path, url);
    }
    return url;
  };
  const inner = (cfi: string) => /^epubcfi\((.*)\)$/.exec(cfi)?.[1] ?? cfi;
  const cfiIndex = new Map(epub.sections.map((s, i) => [inner(s.cfi), i]));
  const lang = text(epub.metadata?.language);
  let toc: TocEntry[] | undefined;

  return {
    title: text(epub.metadata?.title) ?? '',
    lang,
    sections: epub.sections.map((s) => ({ id: s.id, cfi: s.cfi })),
    // Built the first time the contents are shown, not while the book opens.
    get toc() {
      toc ??= flatten(epub.toc, epub);
      return toc;
    },
    async chapter(index) {
      const section = epub.sections[index];
      const markup = section ? await archive.loadText(section.id) : null;
      if (!section || markup === null) throw new BookError('broken', `chapter ${index} is missing`);
      // Parsing and sanitising are each a task of their own (each costs about as much as the chapter is long).
      await nextTask();
      const body = chapterBodyHtml(markup, types.get(section.id) ?? 'application/xhtml+xml');
      const found = new Map<string, string>();
      await Promise.all(
        body.images.map(async (href) => {
          const url = await imageUrl(section.resolveHref(href));
          if (url) found.set(href, url);
        }),
      );
      await nextTask();
      const html = sanitizeBody(body.html, {
        image: (href) => found.get(href) ?? null,
        link: (href) => {
          if (epub.isExternal(href)) return null;
          const path = section.resolveHref(href);
          return archive.has(path.split('#')[0] ?? '') ? path : null;
        },
      });
      return { html, lang: body.lang ?? lang };
    },
    resolveHref(href) {
      const target = epub.resolveHref(href);
      if (!target || target.index < 0) return null;
      return { index: target.index, fragment: href.split('#')[1] ?? null };
    },
    chapterOfCfi(cfi) {
      try {
        const base = /^epubcfi\(([^!]*)!/.exec(cfi)?.[1];
        const known = base ? cfiIndex.get(base) : undefined;
        return known ?? epub.resolveCFI(cfi).index;
      } catch {
        return -1;
      }
    },
    close() {
      archive.close();
      for (const url of images.values()) void url.then((u) => u && URL.revokeObjectURL(u));
      epub.destroy();
    },
  };
}
