import { unzipSync, strFromU8 } from 'fflate';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { videoDurationMs } from '../../../shared/media/video-duration';
import { CourseContent } from '../../../shared/sync/rows';

const dir = resolve(import.meta.dirname, '../../../resources/demo');
const manifest = z
  .object({
    books: z.array(z.object({ file: z.string(), language: z.enum(['en', 'es']), priceCents: z.number().int().nonnegative() })),
    albums: z.array(z.object({ id: z.string(), tracks: z.array(z.object({ file: z.string(), durationMs: z.number().int().positive() })) })),
    photos: z.array(z.object({ file: z.string(), altEn: z.string().min(3), altEs: z.string().min(3) })),
    videos: z.array(z.object({ file: z.string(), durationMs: z.number().int().positive().max(180_000), captions: z.record(z.string(), z.string()) })),
    courses: z.array(z.object({ file: z.string() })),
  })
  .parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));

function size(path: string): number {
  return statSync(path).isDirectory() ? readdirSync(path).reduce((sum, entry) => sum + size(join(path, entry)), 0) : statSync(path).size;
}

describe('demo content', () => {
  it('every file the manifest names exists, and the whole stays small', () => {
    const files = [
      ...manifest.books.map((b) => `books/${b.file}`),
      ...manifest.albums.flatMap((a) => a.tracks.map((t) => `music/${a.id}/${t.file}`)),
      ...manifest.photos.map((p) => `photos/${p.file}`),
      ...manifest.videos.flatMap((v) => [`videos/${v.file}`, ...Object.values(v.captions).map((c) => `videos/${c}`)]),
      ...manifest.courses.map((c) => `courses/${c.file}`),
    ];
    for (const file of files) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(size(dir)).toBeLessThan(4 * 1024 * 1024);
  });

  it('eBooks are EPUB containers (mimetype first, uncompressed) with no scripts', () => {
    for (const book of manifest.books) {
      const bytes = readFileSync(join(dir, 'books', book.file));
      // The first local file header names "mimetype" and stores it (method 0).
      expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
      expect(bytes.readUInt16LE(8)).toBe(0);
      const files = unzipSync(bytes);
      expect(strFromU8(files.mimetype ?? new Uint8Array())).toBe('application/epub+zip');
      expect(files['META-INF/container.xml']).toBeDefined();
      for (const [name, content] of Object.entries(files)) expect(strFromU8(content), name).not.toMatch(/<script/i);
    }
  });

  it('videograms are readable WebM of at most three minutes, as the manifest says', () => {
    for (const video of manifest.videos) {
      const measured = videoDurationMs(readFileSync(join(dir, 'videos', video.file)));
      expect(measured, video.file).not.toBeNull();
      expect(Math.abs((measured ?? 0) - video.durationMs)).toBeLessThan(200);
    }
  });

  it('courses parse as the sync schema, with every answer among its options', () => {
    for (const course of manifest.courses) {
      const parsed = CourseContent.parse(JSON.parse(readFileSync(join(dir, 'courses', course.file), 'utf8')));
      for (const lesson of parsed.lessons) for (const q of lesson.quiz) expect(q.answerIndex).toBeLessThan(q.options.length);
    }
  });
});
