// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fillInSlices } from '../../../renderer/src/screens/library/reader/frame-fill';

/**
 * The reader puts a chapter into its frame a slice at a time (each laid out in
 * a task of its own). What ends up in the frame must be exactly the chapter's
 * document, nested wrappers and all, or CFIs and search hits would point at
 * other places; and a fill the frame has moved on from must stop.
 */
const paragraphs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `<p id="p${from + i}">Paragraph ${from + i}. ${'word '.repeat(60)}</p>`).join('');
// A Sphinx-like chapter: everything inside one wrapper, a table, a long <pre>, text straight in the body.
const chapter = `<div class="section" id="s1"><h1>Title</h1>${paragraphs(40)}<div class="inner">${paragraphs(30, 40)}
<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table></div><pre>${'code line\n'.repeat(400)}</pre></div>
loose text <em>and</em> ${paragraphs(5, 70)}<svg viewBox="0 0 10 10"><circle r="4"></circle></svg>`;

function source(html: string): Element {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html').body;
}

describe('filling the frame a slice at a time', () => {
  it('ends with exactly the chapter document, laid out many times on the way', async () => {
    const from = source(chapter);
    const frame = document.implementation.createHTMLDocument('');
    let layouts = 0;
    const prepared: string[] = [];
    const done = await fillInSlices(from, frame.body, {
      prepare: (element) => prepared.push(element.localName),
      measure: () => (layouts += 1),
      live: () => true,
    });
    expect(done).toBe(true);
    expect(frame.body.innerHTML).toBe(from.innerHTML);
    expect(layouts).toBeGreaterThan(1);
    // Every element is prepared (styled) once it is in: the wrappers alone, the rest with what they hold.
    expect(prepared).toContain('div');
    expect(prepared).toContain('svg');
  });

  it('stops once the frame shows another document', async () => {
    const from = source(paragraphs(2_000));
    const frame = document.implementation.createHTMLDocument('');
    let live = true;
    let layouts = 0;
    const done = await fillInSlices(from, frame.body, {
      prepare: () => undefined,
      measure: () => {
        layouts += 1;
        // The frame moves on while the fill is under way (the reader turned to another chapter).
        if (layouts === 2) live = false;
      },
      live: () => live,
    });
    expect(done).toBe(false);
    expect(frame.body.childElementCount).toBeLessThan(from.childElementCount);
  });
});
