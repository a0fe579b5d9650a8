import { once } from 'node:events';
import { createDeflateRaw } from 'node:zlib';
import { Zip, ZipPassThrough, strToU8, zipSync, type ZipInputFile } from 'fflate';

/**
 * EPUBs an attacker would send, built by the tests (never shipped). `canary`
 * is the origin of a loopback server that counts connections: every remote
 * reference in these books points at it, so "no request leaves" is a count of 0.
 */
const container = (opf = 'OEBPS/content.opf') =>
  `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="${opf}" media-type="application/oebps-package+xml"/></rootfiles></container>`;

const opf = (items: string[], spine: string[]) =>
  `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:0190f6a4-0000-7000-8000-000000000001</dc:identifier><dc:title>Hostile</dc:title><dc:language>en</dc:language></metadata><manifest>${items.join('')}</manifest><spine>${spine.join('')}</spine></package>`;

const xhtml = (body: string, head = '') =>
  `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>c</title>${head}</head><body>${body}</body></html>`;

function book(chapters: Record<string, string>, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const names = Object.keys(chapters);
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(container()),
    'OEBPS/content.opf': strToU8(
      opf(
        names.map((n, i) => `<item id="c${i}" href="${n}" media-type="application/xhtml+xml"/>`),
        names.map((_, i) => `<itemref idref="c${i}"/>`),
      ),
    ),
    ...extra,
  };
  for (const [name, text] of Object.entries(chapters)) files[`OEBPS/${name}`] = strToU8(text);
  return zipSync(files);
}

/** Every trick in one readable book: it must open, show its text, run nothing and fetch nothing. */
export function trickBook(canary: string): Uint8Array {
  const pwn = (tag: string) => `top.__pwned='${tag}'`;
  const scripts = xhtml(
    `<h1 id="start">Scripts and handlers</h1><script>${pwn('script')}</script>` +
      `<p onclick="${pwn('onclick')}" onmouseover="${pwn('over')}">Plain text survives.</p>` +
      `<img src="missing.png" onerror="${pwn('onerror')}" alt="a missing image"/>` +
      `<svg xmlns="http://www.w3.org/2000/svg" onload="${pwn('svg-onload')}"><rect width="10" height="10"/></svg>` +
      `<a href="javascript:${pwn('js-link')}">a javascript link</a>` +
      `<div><a href="${canary}/link">an outside link</a></div>`,
    `<script src="${canary}/head.js"></script><link rel="stylesheet" href="${canary}/link.css"/>` +
      `<style>@import url("${canary}/import.css"); body { background: url(${canary}/bg.png) }</style>` +
      `<meta http-equiv="refresh" content="0;url=${canary}/refresh"/><base href="${canary}/"/>`,
  );
  const remote = xhtml(
    `<h1>Remote things</h1><p style="background:url(${canary}/style-attr.png)">Styled text.</p>` +
      `<img src="${canary}/img.png" alt="remote"/><img src="x.png" srcset="${canary}/srcset.png 2x" alt="srcset"/>` +
      `<table background="${canary}/background.png"><tr><td background="${canary}/td.png">cell</td></tr></table>` +
      `<video poster="${canary}/poster.png" src="${canary}/video.webm"></video><audio src="${canary}/a.ogg"></audio>` +
      `<iframe src="${canary}/frame"></iframe><iframe srcdoc="&lt;script&gt;${pwn('srcdoc')}&lt;/script&gt;"></iframe>` +
      `<form action="${canary}/form"><input type="image" src="${canary}/input.png"/><button formaction="${canary}/fa">go</button></form>` +
      `<object data="${canary}/object"></object><embed src="${canary}/embed"/>` +
      `<map name="m"><area shape="rect" coords="0,0,1,1" href="${canary}/area"/></map>` +
      `<blockquote cite="${canary}/cite">quoted</blockquote>`,
  );
  const namespaces = xhtml(
    `<h1>Namespace and parser tricks</h1>` +
      `<?evil <img src="${canary}/pi.png" onerror="${pwn('pi')}"/> ?>` +
      `<p><![CDATA[ --><img src="${canary}/cdata.png" onerror="${pwn('cdata')}"/> ]]></p>` +
      `<svg xmlns="http://www.w3.org/2000/svg"><P xmlns="http://www.w3.org/2000/svg"><IMG src="${canary}/upper.png" onerror="${pwn('upper')}"/></P></svg>` +
      `<math xmlns="http://www.w3.org/1998/Math/MathML"><mtext><table><mglyph><style><![CDATA[<img title="]]></style></mglyph></table></mtext></math>` +
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">` +
      `<image href="${canary}/svg-image.png" width="5" height="5"/><image xlink:href="${canary}/xlink-image.png"/>` +
      `<use href="${canary}/use.svg#a"/><use xlink:href="${canary}/use2.svg#a"/>` +
      `<filter id="f"><feImage href="${canary}/feimage.png"/></filter>` +
      `<a xlink:href="${canary}/svg-a"><animate attributeName="href" to="${canary}/animate"/><text y="20">svg link</text></a>` +
      `<set attributeName="xlink:href" to="${canary}/set"/>` +
      `<rect width="5" height="5" fill="url(${canary}/fill.svg#p)" filter="url(${canary}/filter.svg#f)"/></svg>` +
      `<p>Tricks end here.</p>`,
  );
  // The same tricks once more in a chapter that is not well-formed XML (read as HTML).
  const html =
    `<html><body><h1>Tag soup</h1><svg></p><style><a id="</style><img src=${canary}/mxss.png onerror=${pwn('mxss')}>"></a></style></svg>` +
    `<math><mi><mglyph><svg><mtext><style><img src=${canary}/mglyph.png onerror=${pwn('mglyph')}></style></mtext></svg></mglyph></mi></math>` +
    `<noscript><p title="</noscript><img src=${canary}/noscript.png onerror=${pwn('noscript')}>"></noscript>` +
    `<p>The end.</p></body></html>`;
  return book({ 'scripts.xhtml': scripts, 'remote.xhtml': remote, 'namespaces.xhtml': namespaces, 'soup.xhtml': html });
}

/** A 300 KB-ish download with one 50 MB chapter. */
export function bigChapterBook(): Uint8Array {
  const paragraph = '<p>All work and no play makes a very long chapter that nobody should have to lay out at once.</p>';
  const body = paragraph.repeat(Math.ceil((50 * 1024 * 1024) / paragraph.length));
  return book({ 'big.xhtml': xhtml(body) });
}

/**
 * An image entry of deflated zeros that inflates to 1 GiB (about 1 MB in the
 * zip). Deflated by Node's zlib as a stream (a second or two, never 1 GiB in
 * memory) and stored by fflate as an already-compressed entry.
 */
export async function gigabyteEntryBook(inflated = 2 ** 30): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const ended = once(deflate, 'end');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < inflated / block.byteLength; i++) if (!deflate.write(block)) await once(deflate, 'drain');
  deflate.end();
  await ended;

  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const add = (name: string, text: string) => {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(strToU8(text), true);
  };
  add('mimetype', 'application/epub+zip');
  add('META-INF/container.xml', container());
  add(
    'OEBPS/content.opf',
    opf(
      [
        '<item id="c" href="c.xhtml" media-type="application/xhtml+xml"/>',
        '<item id="i" href="zeros.png" media-type="image/png"/>',
      ],
      ['<itemref idref="c"/>'],
    ),
  );
  add('OEBPS/c.xhtml', xhtml('<p>Zeros ahead.</p><img src="zeros.png" alt="zeros"/>'));
  // The CRC is left at 0: the reader must refuse the entry long before it could check one.
  const zeros: ZipInputFile = { filename: 'OEBPS/zeros.png', size: inflated, crc: 0, compression: 8 };
  zip.add(zeros);
  zeros.ondata?.(null, new Uint8Array(Buffer.concat(compressed)), true);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export function emptySpineBook(): Uint8Array {
  return zipSync({
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(container()),
    'OEBPS/content.opf': strToU8(opf(['<item id="c" href="c.xhtml" media-type="application/xhtml+xml"/>'], [])),
    'OEBPS/c.xhtml': strToU8(xhtml('<p>Never listed in the spine.</p>')),
  });
}

export function brokenContainerBook(): Uint8Array {
  return zipSync({
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8('<container><rootfiles><rootfile full-path="OEBPS/missing.opf"'),
    'OEBPS/c.xhtml': strToU8(xhtml('<p>Unreachable.</p>')),
  });
}

export function notAZip(): Uint8Array {
  return strToU8('This is not an EPUB at all, just text with an .epub name.');
}
