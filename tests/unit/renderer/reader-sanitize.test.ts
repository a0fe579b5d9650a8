// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { chapterBodyHtml, sanitizeBody } from '../../../renderer/src/screens/library/reader/sanitize';

/**
 * The reader's sanitizer with DOMPurify-style vectors and the book tricks of
 * issue 21. The e2e hostile-book suite runs the same tricks in Chromium.
 */
const canary = 'http://127.0.0.1:9';
const refs = {
  image: (href: string) => (href === 'images/ok.png' ? 'blob:http://kiosk/1234' : null),
  link: (href: string) => (href.startsWith('http') ? null : `OEBPS/${href}`),
};
const clean = (html: string) => sanitizeBody(html, refs);
const fromXhtml = (body: string) =>
  clean(
    chapterBodyHtml(
      `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink"><head><title>t</title></head><body>${body}</body></html>`,
      'application/xhtml+xml',
    ).html,
  );

/** Parsed the way the frame parses it: no dangerous element, no handler, no URL but the book's blob: images. */
function expectInert(out: string) {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${out}</body></html>`, 'text/html');
  const forbidden = doc.querySelectorAll(
    'script, iframe, frame, form, input, button, style, link, object, embed, base, meta, use, feImage, animate, set, area, template, noscript',
  );
  expect(Array.from(forbidden, (el) => el.outerHTML)).toEqual([]);
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name, el.outerHTML).not.toMatch(/^on/i);
      expect(attr.value, el.outerHTML).not.toMatch(/javascript:|data:|127\.0\.0\.1|url\(|@import/i);
      if (['src', 'href', 'xlink:href', 'srcset', 'background', 'poster', 'action', 'formaction'].includes(attr.name))
        expect(attr.value, el.outerHTML).toMatch(/^blob:/);
    }
  }
}

const vectors = [
  '<img src=x onerror=alert(1)//>',
  '<svg><g/onload=alert(2)//<p>',
  '<p>abc<iframe//src=jAva&Tab;script:alert(3)>def</p>',
  '<math><mi//xlink:href="data:x,<script>alert(4)</script>">',
  '<TABLE><tr><td>HELLO</tr></TABL>',
  '<UL><li><A HREF=//google.com>click</UL>',
  `<a href="javascript:alert(5)">x</a><a href="JaVaScRiPt:alert(6)">y</a>`,
  `<img src="${canary}/img.png"><img srcset="${canary}/s.png 2x" src="images/ok.png">`,
  `<table background="${canary}/bg.png"><tr><td background="${canary}/td.png">c</td></tr></table>`,
  `<p style="background:url(${canary}/x)">s</p><style>@import url(${canary}/i.css);</style>`,
  `<link rel=stylesheet href="${canary}/l.css"><base href="${canary}/"><meta http-equiv=refresh content="0;url=${canary}">`,
  `<iframe src="${canary}/f"></iframe><iframe srcdoc="<script>alert(7)</script>"></iframe>`,
  `<form action="${canary}/f"><input type=image src="${canary}/i"><button formaction="${canary}/b">b</button></form>`,
  `<object data="${canary}/o"></object><embed src="${canary}/e"><video poster="${canary}/p" src="${canary}/v"></video>`,
  `<map name=m><area href="${canary}/area"></map><blockquote cite="${canary}/c">q</blockquote>`,
  `<svg><image href="${canary}/i.png"/><use href="${canary}/u.svg#a"/><filter><feImage href="${canary}/fe"/></filter></svg>`,
  `<svg><a xlink:href="${canary}/a"><animate attributeName=href values="${canary}/anim"/><text>t</text></a></svg>`,
  `<svg><set attributeName="xlink:href" to="${canary}/set"/><rect fill="url(${canary}/f.svg#p)" filter="url(${canary}/x#f)"/></svg>`,
  `<svg></p><style><a id="</style><img src=${canary}/mxss onerror=alert(8)>">`,
  `<math><mtext><table><mglyph><style><img src=${canary}/mglyph onerror=alert(9)>`,
  `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src=${canary}/m2 onerror=alert(10)>">`,
  `<noscript><p title="</noscript><img src=${canary}/ns onerror=alert(11)>"></noscript>`,
  `<svg><P><IMG src="${canary}/upper" onerror=alert(12)></P></svg>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src=${canary}/form onerror=alert(13)>`,
  `<template><img src=${canary}/t onerror=alert(14)></template>`,
];

describe('reader sanitizer', () => {
  it.each(vectors)('leaves nothing that runs or reaches out: %s', (vector) => {
    expectInert(clean(vector));
  });

  it('turns processing instructions and CDATA of an XHTML chapter into nothing or plain text', () => {
    const out = fromXhtml(
      `<p>before</p><?evil <img src="${canary}/pi" onerror="alert(1)"/> ?>` +
        `<p><![CDATA[ --><img src="${canary}/cdata" onerror="alert(2)"/> ]]></p>` +
        `<svg xmlns="http://www.w3.org/2000/svg"><P><IMG src="${canary}/upper" onerror="alert(3)"/></P></svg><p>after</p>`,
    );
    expectInert(out);
    expect(out).toContain('before');
    expect(out).toContain('after');
  });

  it("keeps the book's text, structure and own images, and makes in-book links jumps", () => {
    const out = fromXhtml(
      '<h1 id="top">Title</h1><a id="empty"/><p>One <em>two</em> <a href="chapter-2.xhtml#x">next</a> ' +
        `<a href="${canary}/out">out</a></p><img src="images/ok.png" alt="ok"/><img src="images/missing.png" alt="gone"/>` +
        '<table><tr><td>cell</td></tr></table><math><mi>x</mi></math>',
    );
    expect(out).toContain('<h1 id="top">Title</h1>');
    expect(out).toContain('<em>two</em>');
    expect(out).toContain('src="blob:http://kiosk/1234"');
    expect(out).toContain('data-book-href="OEBPS/chapter-2.xhtml#x"');
    expect(out).not.toContain('href="chapter-2');
    expect(out).toContain('[gone]');
    expect(out).toContain('<td>cell</td>');
    expect(out).toContain('<math>');
    // `<a id="empty"/>` stays empty (read as XML), so it does not swallow the paragraph after it.
    expect(out).toMatch(/<a id="empty"><\/a><p>/);
    expectInert(out);
  });
});
