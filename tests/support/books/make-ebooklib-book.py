"""Writes an EPUB 3 made by another tool (EbookLib, Debian's python3-ebooklib) for the reader's e2e tests.

Three chapters with a nested table of contents; the second is long (many pages at any font size), so a
position deep inside it can be checked to survive closing, signing out and a font size change.
Usage: /usr/bin/python3 make-ebooklib-book.py OUT.epub
"""
import sys

from ebooklib import epub

book = epub.EpubBook()
book.set_identifier("urn:uuid:0190f6a4-7d7e-7c3a-9a55-5e1d2c3b4a51")
book.set_title("The Long Valley")
book.set_language("en")
book.add_author("Test Fixture Press")


def paragraphs(chapter, count):
    return "".join(
        f"<p>Paragraph {n} of {chapter}. The valley road climbed past the orchards and the old mill, "
        f"and every traveller who walked it remembered the sound of water under the bridge at mile {n}.</p>"
        for n in range(1, count + 1)
    )


chapters = []
for number, (title, count) in enumerate([("Arrival", 12), ("The Long Walk", 320), ("Home Again", 12)], start=1):
    chapter = epub.EpubHtml(title=title, file_name=f"chapter-{number}.xhtml", lang="en")
    chapter.content = f"<h1 id='top'>{title}</h1>" + (
        f"<h2 id='middle'>Halfway</h2>" if number == 2 else ""
    ) + paragraphs(title, count)
    book.add_item(chapter)
    chapters.append(chapter)

book.toc = (
    epub.Link("chapter-1.xhtml", "Arrival", "arrival"),
    (epub.Section("The Long Walk"), (epub.Link("chapter-2.xhtml#top", "The Long Walk", "walk"),
                                     epub.Link("chapter-2.xhtml#middle", "Halfway", "halfway"))),
    epub.Link("chapter-3.xhtml", "Home Again", "home"),
)
book.add_item(epub.EpubNcx())
book.add_item(epub.EpubNav())
book.spine = ["nav", *chapters]
epub.write_epub(sys.argv[1], book)
