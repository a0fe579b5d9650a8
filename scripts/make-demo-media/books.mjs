#!/usr/bin/env node
/**
 * Writes the demo eBooks (resources/demo/books/*.epub): real EPUB 3 files,
 * text written for this project (CC0), no scripts. `mimetype` comes first
 * and uncompressed, as the EPUB container spec requires.
 */
import { strToU8, zipSync } from 'fflate';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = join(import.meta.dirname, '../../resources/demo/books');
mkdirSync(out, { recursive: true });

const books = [
  {
    file: 'letters-home.epub',
    id: 'b5c4a1e2-0000-4000-8000-000000000001',
    title: 'Letters Home',
    author: 'Open Kiosk Writers',
    language: 'en',
    chapters: [
      [
        'Starting a letter',
        [
          'A letter does not need to be long. It needs to be true.',
          'Begin with the person you are writing to. Say their name. Say one thing you remember about them, something small: the way they laugh, the song they hum while they cook.',
          'Then say where you are today. Not the walls, but you: what you are learning, what you are hoping for, what made you smile this week.',
        ],
      ],
      [
        'Writing about hard days',
        [
          'Some days are heavy. You can write about them without making the reader carry all the weight.',
          'Name the feeling in one sentence. Then write one thing that helped, even a little: a conversation, a book, a walk in the yard.',
          'Your family wants to know you, not a perfect version of you.',
        ],
      ],
      [
        'Writing to children',
        [
          'Children read letters many times. Use short sentences and their words.',
          'Ask them questions they can answer in their next letter: what game they play at recess, what they want to be, what their friend is called.',
          'Draw something if you like. A drawing can say what words cannot.',
        ],
      ],
      [
        'Ending well',
        [
          'End with something to look forward to: the next call, the next visit, the next letter.',
          'Say the words that matter. Then sign your name the way they know you.',
        ],
      ],
    ],
  },
  {
    file: 'river-stories.epub',
    id: 'b5c4a1e2-0000-4000-8000-000000000002',
    title: 'Stories from the River',
    author: 'Open Kiosk Writers',
    language: 'en',
    chapters: [
      [
        'The ferryman',
        [
          'Every morning the ferryman crossed the river twice before the sun was up.',
          'He knew every stone under the water by the sound the boat made passing over it.',
          'When his son asked how he never got lost in the fog, he said: I do not look for the other bank. I listen for it.',
        ],
      ],
      [
        'The heron',
        [
          'A heron stood in the shallows all afternoon and caught nothing.',
          'The children on the bridge laughed at it. The old woman selling bread did not.',
          'At dusk the heron struck once, and flew away with its supper, and the children were quiet.',
        ],
      ],
      [
        'High water',
        [
          'The spring the river rose over the road, the whole town carried sandbags.',
          'Nobody asked who owned which house. They asked where the water would come in next.',
          'When it was over, they found they knew each other better than before.',
        ],
      ],
    ],
  },
  {
    file: 'cuentos-del-mar.epub',
    id: 'b5c4a1e2-0000-4000-8000-000000000003',
    title: 'Cuentos del mar',
    author: 'Escritores de Open Kiosk',
    language: 'es',
    chapters: [
      [
        'La barca azul',
        [
          'La barca azul salía cada mañana antes que las demás.',
          'Su dueña decía que el mar habla más claro cuando nadie más está despierto.',
          'Volvía con pocas redes llenas, pero siempre con una historia nueva para el pueblo.',
        ],
      ],
      [
        'El faro',
        [
          'El faro tenía una sola luz, pero guiaba a todos los barcos de la bahía.',
          'El farero subía ciento veinte escalones cada noche, y nunca se quejó de ninguno.',
          'Una luz pequeña, decía, basta si nunca se apaga.',
        ],
      ],
      [
        'La carta en la botella',
        [
          'Un niño encontró una botella en la playa con una carta dentro.',
          'La carta decía solamente: «Estoy bien. Piensa en mí cuando veas el mar».',
          'Desde entonces, el niño mira el mar todas las tardes, y piensa.',
        ],
      ],
    ],
  },
];

const xhtml = (lang, title, paragraphs) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="${lang}" lang="${lang}">
<head><title>${title}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body><section><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</section></body></html>
`;

for (const book of books) {
  const chapters = book.chapters.map(([title, paragraphs], i) => ({
    href: `chapter-${i + 1}.xhtml`,
    title,
    paragraphs,
  }));
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${book.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">urn:uuid:${book.id}</dc:identifier>
    <dc:title>${book.title}</dc:title>
    <dc:creator>${book.author}</dc:creator>
    <dc:language>${book.language}</dc:language>
    <dc:rights>CC0 1.0: written for Open Kiosk</dc:rights>
    <meta property="dcterms:modified">2026-11-24T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="style.css" media-type="text/css"/>
${chapters.map((c, i) => `    <item id="c${i + 1}" href="${c.href}" media-type="application/xhtml+xml"/>`).join('\n')}
  </manifest>
  <spine>
${chapters.map((_c, i) => `    <itemref idref="c${i + 1}"/>`).join('\n')}
  </spine>
</package>
`;
  const nav = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${book.language}">
<head><title>${book.title}</title></head>
<body><nav epub:type="toc"><ol>
${chapters.map((c) => `<li><a href="${c.href}">${c.title}</a></li>`).join('\n')}
</ol></nav></body></html>
`;
  const files = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`),
    'OEBPS/package.opf': strToU8(opf),
    'OEBPS/nav.xhtml': strToU8(nav),
    'OEBPS/style.css': strToU8(
      'body { font-family: serif; line-height: 1.6; margin: 1em; }\nh1 { font-size: 1.4em; }\n',
    ),
  };
  for (const c of chapters) files[`OEBPS/${c.href}`] = strToU8(xhtml(book.language, c.title, c.paragraphs));
  // fflate keeps insertion order, so mimetype is the first entry.
  writeFileSync(join(out, book.file), zipSync(files, { level: 9, mtime: new Date('2026-11-24T00:00:00Z') }));
  process.stdout.write(`${book.file}\n`);
}
