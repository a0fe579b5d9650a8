import { strToU8, zipSync } from 'fflate';

/** Media the harness makes in the page, so the screens have real files to open without any server. */

export function makeEpub(chapters = 3): Blob {
  const chapter = (n: number) =>
    `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter ${n}</title>` +
    `<script>parent.document.title='pwned'</script><style>body{color:red}</style></head><body>` +
    `<h1>Chapter ${n}</h1>` +
    Array.from(
      { length: 40 },
      (_, p) =>
        `<p onclick="alert(1)" style="color:red">Paragraph ${p + 1} of chapter ${n}. The river road ran beside the water for miles, and every morning the fog lifted a little later than the day before.</p>`,
    ).join('') +
    `</body></html>`;
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': strToU8(
      `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The River Road</dc:title></metadata><manifest>` +
        Array.from(
          { length: chapters },
          (_, i) => `<item id="c${i + 1}" href="text/c${i + 1}.xhtml" media-type="application/xhtml+xml"/>`,
        ).join('') +
        `</manifest><spine>` +
        Array.from({ length: chapters }, (_, i) => `<itemref idref="c${i + 1}"/>`).join('') +
        `</spine></package>`,
    ),
  };
  for (let i = 1; i <= chapters; i++) files[`OEBPS/text/c${i}.xhtml`] = strToU8(chapter(i));
  return new Blob([zipSync(files).slice()], { type: 'application/epub+zip' });
}

export function makeTone(seconds = 3, hz = 440): Blob {
  const rate = 8000;
  const samples = rate * seconds;
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.sin((2 * Math.PI * hz * i) / rate) * 8000, true);
  return new Blob([buffer], { type: 'audio/wav' });
}

export function makePhoto(): string {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#8ecae6"/>' +
    '<circle cx="620" cy="140" r="80" fill="#ffb703"/><rect y="420" width="800" height="180" fill="#2a9d8f"/></svg>';
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

export function makeCaptions(): Blob {
  return new Blob(['WEBVTT\n\n00:00.000 --> 00:05.000\nHello from home!\n'], { type: 'text/vtt' });
}
