import { pageCount, styleContent, styleFrame, type LayoutOptions } from './frame-layout';
import { nextTask } from './next-task';
import type { Chapter } from './open-book';
import { frameSource } from './position';

/**
 * Puts a parsed chapter into the frame a slice at a time, and has each slice
 * laid out in its own short task. Laying a whole chapter out in CSS columns
 * at once is the longest thing opening a book does (40–90 ms for one chapter
 * of Debian's packaging guide on the kiosk's build, much more for a long
 * novel chapter); laid out in slices, each is paid for in a few ms and the
 * page answers in between. The nodes are copies of the chapter document's,
 * in the same order under the same parents, so the frame ends up with exactly
 * the document the chapter's HTML parses to (CFIs and search stay valid).
 */
export interface FillSteps {
  /** Styles an element (and what is inside it) just put into the frame, before it is laid out. */
  prepare(element: Element): void;
  /** Lays out what is in the frame so far (reads a size). */
  measure(): void;
  /** False once the frame shows another document: the fill stops. */
  live(): boolean;
}

/**
 * Characters of text put in before the first layout. After it, as many as
 * should lay out in `layoutTargetMs` at the rate the last slice did; but when
 * a layout took longer than that, twice as many: in a very long chapter each
 * layout also redoes every column so far (measured: 2 ms at the start of a
 * 1 MB chapter, 50 ms at its end), and only fewer, bigger slices pay that less.
 */
const firstSliceChars = 2_000;
const sliceCharsRange = [500, 1024 * 1024] as const;
const layoutTargetMs = 6;
/** How long one task may go on putting slices in before the page gets its turn. */
const taskBudgetMs = 10;

const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;

/** Fills `into` (the frame's empty body) with copies of `from`'s children. Resolves false if it was cut short. */
export async function fillInSlices(from: Element, into: Element, steps: FillSteps): Promise<boolean> {
  const doc = into.ownerDocument;
  // Each level: the next node of the chapter to copy, and the frame element its copy goes into.
  const levels: { next: ChildNode | null; parent: Element }[] = [{ next: from.firstChild, parent: into }];
  let chars = 0;
  let sliceChars = firstSliceChars;
  let taskStart = performance.now();
  while (levels.length > 0) {
    const level = levels[levels.length - 1];
    const node = level?.next;
    if (!level || !node) {
      levels.pop();
      continue;
    }
    level.next = node.nextSibling;
    const size = (node.textContent?.length ?? 0) + 1;
    if (size > sliceChars && isElement(node) && node.firstChild) {
      // Too much for one slice: the element alone now, its children one by one after.
      const shell = doc.importNode(node, false);
      level.parent.appendChild(shell);
      steps.prepare(shell);
      levels.push({ next: node.firstChild, parent: shell });
      continue;
    }
    const copy = doc.importNode(node, true);
    level.parent.appendChild(copy);
    if (isElement(copy)) steps.prepare(copy);
    chars += size;
    if (chars < sliceChars) continue;
    const layoutStart = performance.now();
    steps.measure();
    const tookMs = Math.max(0.5, performance.now() - layoutStart);
    const [fewest, most] = sliceCharsRange;
    const next = tookMs <= layoutTargetMs ? (chars * layoutTargetMs) / tookMs : chars * 2;
    sliceChars = Math.min(most, Math.max(fewest, Math.round(next)));
    chars = 0;
    if (performance.now() - taskStart < taskBudgetMs) continue;
    await nextTask();
    if (!steps.live()) return false;
    taskStart = performance.now();
  }
  steps.measure();
  return steps.live();
}

/**
 * Shows a chapter in the frame, whose document is the empty page the frame
 * loaded for it: the reader's layout first, then the chapter's HTML parsed
 * (as the frame's own parser would, and as search parses it) and put in
 * slice by slice. Resolves false if the frame moved on before it finished.
 */
export async function fillChapter(
  iframe: HTMLIFrameElement,
  doc: Document,
  chapter: Chapter,
  options: LayoutOptions,
): Promise<boolean> {
  const live = () => iframe.contentDocument === doc;
  styleFrame(iframe, doc, options);
  const parsed = new DOMParser().parseFromString(frameSource(chapter.html, chapter.lang, ''), 'text/html');
  await nextTask();
  if (!live()) return false;
  return fillInSlices(parsed.body, doc.body, {
    prepare: (element) => styleContent(element, iframe, options),
    measure: () => void pageCount(iframe, doc, options.mode),
    live,
  });
}
