import createDOMPurify, { type Config } from 'dompurify';

/**
 * The reader's first wall: every chapter goes through DOMPurify, with an
 * allowlist fit for books, before it reaches the frame (the frame's sandbox
 * without scripts and the CSP are the second wall). What stays: text, its
 * structure, tables, lists, figures, MathML and plain SVG drawings, and the
 * book's own images as blob: URLs. What goes: scripts, handlers, styles
 * (the reader sets its own type), forms, frames, media, every link out,
 * every remote or unknown URL, SVG references (`use`, `feImage`, animations
 * that could set an href), and comments, processing instructions and CDATA.
 */

/** How the chapter's own references are kept: images become blob: URLs, links become in-book jumps. */
export interface ChapterRefs {
  /** The blob: URL of one of the book's images (href as written in the chapter), or null to drop it. */
  image(href: string): string | null;
  /** An in-book target for a link (the book path, with its #fragment), or null when it leads out. */
  link(href: string): string | null;
}

const forbiddenTags = [
  'style',
  'link',
  'meta',
  'base',
  'title',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'video',
  'audio',
  'source',
  'track',
  'template',
  'portal',
  'noscript',
  'area',
  'map',
  'use',
  'feImage',
  'foreignObject',
  'animate',
  'animateMotion',
  'animateTransform',
  'set',
  'script',
];

const forbiddenAttributes = [
  'style',
  'background',
  'srcset',
  'sizes',
  'poster',
  'action',
  'formaction',
  'ping',
  'usemap',
  'longdesc',
  'cite',
  'lowsrc',
  'dynsrc',
  'xlink:href',
  'attributename',
];

const config: Config = {
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  FORBID_TAGS: forbiddenTags,
  FORBID_ATTR: forbiddenAttributes,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  // After the hooks below, the only URLs left are the book's own images as blob: URLs.
  ALLOWED_URI_REGEXP: /^blob:/i,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SAFE_FOR_TEMPLATES: false,
  WHOLE_DOCUMENT: false,
  KEEP_CONTENT: true,
};

const purify = createDOMPurify(window);
let current: ChapterRefs | null = null;
const linkTargets = new WeakMap<Element, string>();

purify.addHook('beforeSanitizeAttributes', (node) => {
  if (!(node instanceof Element) || !current) return;
  const name = node.localName.toLowerCase();
  const written = node.getAttribute('src') ?? node.getAttribute('href') ?? node.getAttribute('xlink:href');
  if (name === 'img' || name === 'image') {
    const url = written ? current.image(written) : null;
    for (const attr of ['src', 'href', 'xlink:href']) node.removeAttribute(attr);
    if (url) node.setAttribute(name === 'img' ? 'src' : 'href', url);
    return;
  }
  // Only a relative reference can be a place in the book: anything with a scheme or a host leads out.
  if (name === 'a' && written && !/^\s*([a-z][a-z0-9+.-]*:|\/\/|\\)/i.test(written)) {
    const target = current.link(written);
    if (target) linkTargets.set(node, target);
  }
  // No other element keeps a reference of any kind.
  for (const attr of ['src', 'href', 'xlink:href', 'data', 'codebase']) node.removeAttribute(attr);
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  const name = node.localName.toLowerCase();
  if ((name === 'img' || name === 'image') && !node.getAttribute(name === 'img' ? 'src' : 'href')) {
    // A missing or remote image: keep its description, never a request.
    const alt = node.getAttribute('alt');
    node.replaceWith(node.ownerDocument.createTextNode(alt ? `[${alt}]` : ''));
    return;
  }
  const target = linkTargets.get(node);
  if (target) {
    node.setAttribute('data-book-href', target);
    node.setAttribute('role', 'link');
  }
});

// SVG paints and filters may point at a URL (`fill="url(http://…)"`): only plain values stay.
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (/url\s*\(|@import|expression\s*\(/i.test(data.attrValue)) data.keepAttr = false;
});

// Comments, processing instructions and CDATA never reach the frame (they are how XML tricks the HTML parser).
purify.addHook('uponSanitizeElement', (node) => {
  const type = node.nodeType;
  if (type === Node.COMMENT_NODE || type === Node.PROCESSING_INSTRUCTION_NODE || type === Node.CDATA_SECTION_NODE) {
    node.parentNode?.removeChild(node);
  }
});

/**
 * The chapter's body as HTML text, the way the frame's HTML parser will read
 * it. An XHTML chapter is read as XML (so `<a id="x"/>` stays empty) and its
 * elements copied into an HTML document, CDATA turned into plain text,
 * comments and processing instructions dropped; a chapter that is not
 * well-formed XML is read as HTML.
 */
export function chapterBodyHtml(
  markup: string,
  mediaType: string,
): { html: string; lang: string | null; images: string[] } {
  const html = document.implementation.createHTMLDocument('');
  const xml = /xml/.test(mediaType) ? new DOMParser().parseFromString(markup, 'application/xhtml+xml') : null;
  const body = xml && !xml.querySelector('parsererror') ? xml.querySelector('body') : null;
  if (!xml || !body) {
    const parsed = new DOMParser().parseFromString(markup, 'text/html');
    const lang = parsed.documentElement.getAttribute('lang');
    return { html: parsed.body.innerHTML, lang, images: imageReferences(parsed.body) };
  }
  // In the XML document first (an HTML document cannot hold CDATA): CDATA becomes text, PIs and comments go.
  const walker = xml.createTreeWalker(body, NodeFilter.SHOW_ALL);
  const odd: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const type = node.nodeType;
    if (type === Node.CDATA_SECTION_NODE || type === Node.PROCESSING_INSTRUCTION_NODE || type === Node.COMMENT_NODE)
      odd.push(node);
  }
  for (const node of odd) {
    if (node.nodeType === Node.CDATA_SECTION_NODE)
      node.parentNode?.replaceChild(xml.createTextNode(node.textContent ?? ''), node);
    else node.parentNode?.removeChild(node);
  }
  const copy = html.importNode(body, true);
  html.body.replaceChildren(...Array.from(copy.childNodes));
  const root = xml?.documentElement;
  const lang =
    root?.getAttribute('lang') ?? root?.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang') ?? null;
  return { html: html.body.innerHTML, lang, images: imageReferences(html.body) };
}

/** Sanitises one chapter's body HTML with the book allowlist; `refs` maps its images and links. */
export function sanitizeBody(html: string, refs: ChapterRefs): string {
  // DOMPurify hands back its input untouched where it cannot work: then nothing is shown at all.
  if (!purify.isSupported) throw new Error('the HTML sanitizer is not supported here');
  current = refs;
  try {
    return purify.sanitize(html, config);
  } finally {
    current = null;
  }
}

/** The image references a chapter makes (img src, SVG image href), as written. */
function imageReferences(doc: Element): string[] {
  const refs = new Set<string>();
  doc.querySelectorAll('img[src]').forEach((img) => refs.add(img.getAttribute('src') ?? ''));
  doc.querySelectorAll('image').forEach((image) => {
    const href = image.getAttribute('href') ?? image.getAttribute('xlink:href');
    if (href) refs.add(href);
  });
  refs.delete('');
  return Array.from(refs);
}
