import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EpubArchiveError, epubLimits, unpackEpub } from '../../../shared/media/epub-archive';
import { bigChapterBook, gigabyteEntryBook, notAZip, trickBook } from '../../support/books/hostile-books';

function refusal(archive: Uint8Array, limits = epubLimits): EpubArchiveError {
  try {
    unpackEpub(archive, limits);
  } catch (error) {
    if (error instanceof EpubArchiveError) return error;
    throw error;
  }
  throw new Error('the archive was accepted');
}

describe('EPUB limits (device worker and server intake)', () => {
  it('unpacks an ordinary book entry by entry', () => {
    const kept = new Map<string, number>();
    const result = unpackEpub(trickBook('http://127.0.0.1:9'), epubLimits, (name, bytes) =>
      kept.set(name, bytes.byteLength),
    );
    expect(result.entries).toBe(7);
    expect([...kept.keys()]).toContain('OEBPS/content.opf');
    expect(kept.get('mimetype')).toBe('application/epub+zip'.length);
  });

  it('refuses a 50 MB chapter at the chapter limit, long before it is whole', () => {
    const error = refusal(bigChapterBook());
    expect([error.code, error.limit]).toEqual(['over_limits', 'chapter']);
  });

  it('refuses an entry of deflated zeros by its ratio, counting what really inflates', async () => {
    const bomb = await gigabyteEntryBook(64 * 1024 * 1024);
    const started = performance.now();
    const error = refusal(bomb);
    expect([error.code, error.limit]).toEqual(['over_limits', 'ratio']);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses an entry over the entry limit even when it does not compress', () => {
    const archive = zipSync({ 'big.png': randomBytes(3 * 1024 * 1024) }, { level: 0 });
    const error = refusal(archive, { ...epubLimits, entryBytes: 2 * 1024 * 1024 });
    expect(error.limit).toBe('entry');
  });

  it('refuses too many entries, and a book over the total', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) many[`f${i}.txt`] = strToU8(`entry ${i}`);
    expect(refusal(zipSync(many), { ...epubLimits, entries: 20 }).limit).toBe('entries');
    const images: Record<string, Uint8Array> = { 'a.png': randomBytes(600_000), 'b.png': randomBytes(600_000) };
    expect(refusal(zipSync(images, { level: 0 }), { ...epubLimits, totalBytes: 1_000_000 }).limit).toBe('total');
  });

  it('refuses a file over the archive size before reading it', () => {
    expect(refusal(new Uint8Array(2048), { ...epubLimits, archiveBytes: 1024 }).limit).toBe('archive');
  });

  it('calls what is not a zip broken', () => {
    const error = refusal(notAZip());
    expect([error.code, error.limit]).toEqual(['broken', null]);
  });

  it('keeps a real image that does not compress, whatever its size within the limits', () => {
    const photo = randomBytes(5 * 1024 * 1024);
    const kept: Uint8Array[] = [];
    unpackEpub(zipSync({ 'photo.jpg': photo }), epubLimits, (_name, bytes) => kept.push(bytes));
    expect(Buffer.from(kept[0] ?? []).equals(photo)).toBe(true);
  });
});

describe('real third-party books keep the limits', () => {
  it("Debian's Ubuntu Packaging Guide (es) unpacks whole", () => {
    const guide = readFileSync('/usr/share/doc/ubuntu-packaging-guide-epub-es/ubuntu-packaging-guide.epub');
    const result = unpackEpub(guide);
    expect(result.entries).toBeGreaterThan(20);
  });
});
