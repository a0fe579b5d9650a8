/**
 * Lays a chapter out inside the script-less frame from this page (CSS set
 * through the CSSOM, which the CSP allows; the frame runs nothing of its own)
 * and finds places in it: which text starts the page on screen, and which page
 * a given spot is on. Paginated mode uses CSS columns one frame wide; scrolled
 * mode is one long column.
 */
export type ReaderMode = 'paginated' | 'scrolled';

export interface LayoutOptions {
  mode: ReaderMode;
  fontScale: number;
  color: string;
  background: string;
}

const gap = 48;

export function frameDocument(iframe: HTMLIFrameElement | null): Document | null {
  const doc = iframe?.contentDocument;
  return doc?.body ? doc : null;
}

/** Applies the reader's type and layout; returns the number of pages (screens, in scrolled mode). */
export function applyLayout(iframe: HTMLIFrameElement, doc: Document, options: LayoutOptions): number {
  styleFrame(iframe, doc, options);
  styleContent(doc.body, iframe, options);
  return pageCount(iframe, doc, options.mode);
}

/** The page's own type, colours and columns (the frame's root and body). */
export function styleFrame(iframe: HTMLIFrameElement, doc: Document, options: LayoutOptions): void {
  const width = iframe.clientWidth;
  const height = iframe.clientHeight;
  const root = doc.documentElement.style;
  const body = doc.body.style;
  const paginated = options.mode === 'paginated';
  root.height = `${height}px`;
  root.overflow = paginated ? 'hidden' : 'auto';
  root.background = options.background;
  body.margin = '0';
  body.padding = paginated ? `24px ${gap / 2}px` : `24px ${gap / 2}px 50vh`;
  body.boxSizing = 'border-box';
  body.height = paginated ? `${height}px` : 'auto';
  body.columnWidth = paginated ? `${width - gap}px` : 'auto';
  body.columnGap = paginated ? `${gap}px` : 'normal';
  body.columnFill = 'auto';
  body.fontFamily = 'Georgia, "Noto Serif", serif';
  body.fontSize = `${Math.round(20 * options.fontScale)}px`;
  body.lineHeight = '1.6';
  body.color = options.color;
  body.background = options.background;
  body.overflowWrap = 'break-word';
}

/** Fits an element of the chapter and everything in it to the page: pictures, preformatted text, tables, links. */
export function styleContent(element: Element, iframe: HTMLIFrameElement, options: LayoutOptions): void {
  const height = iframe.clientHeight;
  const all = <T extends Element>(selector: string): T[] => [
    ...(element.matches(selector) ? [element as T] : []),
    ...Array.from(element.querySelectorAll<T>(selector)),
  ];
  all<HTMLElement | SVGElement>('img, svg').forEach((el) => {
    el.style.maxWidth = '100%';
    el.style.maxHeight = `${height - 60}px`;
    el.style.height = 'auto';
  });
  all<HTMLElement>('pre, table').forEach((el) => {
    el.style.whiteSpace = 'pre-wrap';
    el.style.maxWidth = '100%';
  });
  all<HTMLElement>('a[data-book-href]').forEach((el) => {
    el.style.color = options.color;
    el.style.textDecoration = 'underline';
    el.style.cursor = 'pointer';
  });
}

/** How many pages (screens, in scrolled mode) the chapter makes as laid out now. */
export function pageCount(iframe: HTMLIFrameElement, doc: Document, mode: ReaderMode): number {
  const scroller = doc.scrollingElement ?? doc.documentElement;
  return mode === 'paginated'
    ? Math.max(1, Math.round(scroller.scrollWidth / iframe.clientWidth))
    : Math.max(1, Math.ceil(scroller.scrollHeight / pageStep(iframe)));
}

/** Scrolled mode turns by a screen less two lines, so the reader keeps the line they were on. */
function pageStep(iframe: HTMLIFrameElement): number {
  return Math.max(100, iframe.clientHeight - 64);
}

export function showPage(iframe: HTMLIFrameElement, doc: Document, mode: ReaderMode, page: number): void {
  const scroller = doc.scrollingElement ?? doc.documentElement;
  if (mode === 'paginated') scroller.scrollLeft = page * iframe.clientWidth;
  else scroller.scrollTop = page * pageStep(iframe);
}

/** The page (screen) a spot in the chapter is on. */
export function pageOf(iframe: HTMLIFrameElement, doc: Document, mode: ReaderMode, target: Range | Element): number {
  const scroller = doc.scrollingElement ?? doc.documentElement;
  const rects = target.getClientRects();
  const rect = rects[0] ?? target.getBoundingClientRect();
  if (mode === 'paginated') return Math.max(0, Math.floor((rect.left + scroller.scrollLeft + 1) / iframe.clientWidth));
  return Math.max(0, Math.floor((rect.top + scroller.scrollTop + 1) / pageStep(iframe)));
}

/**
 * The chapter's text nodes that hold more than blanks, in order; kept per
 * document (a chapter's document does not change once it is in the frame),
 * so a page turn does not walk the whole chapter again.
 */
const textCache = new WeakMap<Document, Text[]>();
function textNodes(doc: Document): Text[] {
  const known = textCache.get(doc);
  if (known) return known;
  const nodes: Text[] = [];
  // No filter callback: calling into script once per node costs more than testing the text here.
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/\S/.test((node as Text).data)) nodes.push(node as Text);
  }
  textCache.set(doc, nodes);
  return nodes;
}

/** How far past the start of the screen a spot ends (negative: on an earlier page). */
function reach(rect: DOMRect, mode: ReaderMode): number {
  return mode === 'paginated' ? rect.right : rect.bottom;
}

function charRect(doc: Document, node: Text, offset: number): DOMRect | null {
  const range = doc.createRange();
  range.setStart(node, offset);
  range.setEnd(node, Math.min(node.length, offset + 1));
  const rects = range.getClientRects();
  return rects[rects.length - 1] ?? null;
}

/**
 * The first character on the page on screen, as a collapsed range: a binary
 * search over the chapter's text nodes, then over the characters of the one
 * that crosses onto the page, so it costs a few dozen rectangle reads even in
 * a long chapter.
 */
export function firstVisibleRange(doc: Document, mode: ReaderMode): Range | null {
  const nodes = textNodes(doc);
  const ends = (node: Text) => {
    const rects = node.parentNode ? charRect(doc, node, Math.max(0, node.length - 1)) : null;
    return rects ? reach(rects, mode) : -Infinity;
  };
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const node = nodes[mid];
    if (node && ends(node) <= 1) low = mid + 1;
    else high = mid;
  }
  const node = nodes[low];
  if (!node) return null;
  let from = 0;
  let to = node.length - 1;
  while (from < to) {
    const mid = (from + to) >> 1;
    const rect = charRect(doc, node, mid);
    if (rect && reach(rect, mode) <= 1) from = mid + 1;
    else to = mid;
  }
  const range = doc.createRange();
  range.setStart(node, from);
  range.collapse(true);
  return range;
}

/** The text on the page on screen, for reading aloud. */
export function visibleText(iframe: HTMLIFrameElement, doc: Document, mode: ReaderMode): string {
  const start = firstVisibleRange(doc, mode);
  if (!start) return '';
  const limit = mode === 'paginated' ? iframe.clientWidth : iframe.clientHeight;
  const parts: string[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  walker.currentNode = start.startContainer;
  for (let node: Node | null = start.startContainer; node; node = walker.nextNode()) {
    const text = node as Text;
    const from = node === start.startContainer ? start.startOffset : 0;
    const first = charRect(doc, text, from);
    if (first && (mode === 'paginated' ? first.left : first.top) >= limit) break;
    parts.push((text.nodeValue ?? '').slice(from));
    if (parts.join('').length > 4_000) break;
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
