import * as CFI from 'foliate-js/epubcfi.js';

/**
 * Places in a book as EPUB CFIs (foliate-js's implementation): the chapter's
 * spine step, then the path to a character inside the chapter, so the place
 * survives a new font size, window size or layout mode.
 */
export function cfiOf(sectionCfi: string, range: Range): string {
  return CFI.joinIndir(sectionCfi, CFI.fromRange(range));
}

/** The spot a CFI names inside a chapter's document, or null if the chapter has no such spot. */
export function rangeOf(doc: Document, cfi: string): Range | null {
  try {
    const parts = CFI.parse(cfi) as { parent?: unknown[] } & unknown[];
    (parts.parent ?? parts).shift();
    return CFI.toRange(doc, parts);
  } catch {
    return null;
  }
}

/**
 * The whole document a chapter's HTML makes, as the frame shows it (the frame
 * loads it with an empty body and the chapter is put in by frame-fill; search
 * parses it whole, so CFIs match). `chapter` marks which chapter the page is
 * for, so the frame loads a new page for every chapter even when two look alike.
 */
export function frameSource(html: string, lang: string | null, title: string, chapter?: number): string {
  const safeLang = lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(lang) ? ` lang="${lang}"` : '';
  const safeTitle = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const marker = chapter === undefined ? '' : ` data-chapter="${Math.trunc(chapter)}"`;
  return `<!doctype html><html${safeLang}${marker}><head><meta charset="utf-8"><title>${safeTitle}</title></head><body>${html}</body></html>`;
}
