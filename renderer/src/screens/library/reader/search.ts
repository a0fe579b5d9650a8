import type { Book } from './open-book';
import { cfiOf, frameSource } from './position';

export interface SearchHit {
  index: number;
  cfi: string;
  /** The words around the match, for the results list. */
  excerpt: string;
}

const maxHits = 100;

/**
 * Searches the whole book, one chapter per task (so the page never stops
 * answering): each chapter is sanitised and parsed off-screen the same way the
 * frame shows it, so every hit's CFI lands on the same spot in the frame.
 */
export async function searchBook(book: Book, query: string, title: string, signal: AbortSignal): Promise<SearchHit[]> {
  const needle = query.trim().toLocaleLowerCase();
  const hits: SearchHit[] = [];
  if (needle.length < 2) return hits;
  for (let index = 0; index < book.sections.length && hits.length < maxHits; index++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal.aborted) return hits;
    const section = book.sections[index];
    const chapter = await book.chapter(index).catch(() => null);
    if (!section || !chapter) continue;
    const doc = new DOMParser().parseFromString(frameSource(chapter.html, chapter.lang, title), 'text/html');
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && hits.length < maxHits; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const lower = text.toLocaleLowerCase();
      for (let at = lower.indexOf(needle); at >= 0 && hits.length < maxHits; at = lower.indexOf(needle, at + 1)) {
        const range = doc.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const excerpt = `${at > 40 ? '…' : ''}${text.slice(Math.max(0, at - 40), at + needle.length + 40).trim()}…`;
        hits.push({ index, cfi: cfiOf(section.cfi, range), excerpt: excerpt.replace(/\s+/g, ' ') });
      }
    }
  }
  return hits;
}
