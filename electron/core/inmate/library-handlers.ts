import { uuidv7 } from 'uuidv7';
import type { CallOutput } from '../../../shared/kiosk-api/contract';
import { ReadingPosition } from '../../../shared/kiosk-api/calls/inmate';
import { KioskError } from '../../../shared/kiosk-api/errors';
import type { CatalogItemRow } from '../../../shared/sync/rows';
import type { HandlersOf, InmateScope } from './inmate-scope';
import { ok } from './inmate-scope';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The library: the catalog, buying, books and where the reader is, music tracks, courses and quizzes. */
export function libraryHandlers(
  scope: InmateScope,
): HandlersOf<
  | 'library.catalog'
  | 'library.purchase'
  | 'library.bookUrl'
  | 'library.progress'
  | 'library.saveProgress'
  | 'library.bookProblem'
  | 'library.tracks'
  | 'courses.get'
  | 'courses.submitQuiz'
> {
  const { deps, me, now, spendable, queue, afterQueue } = scope;
  const { db, cache } = deps;

  const catalogItem = (inmateId: string, item: CatalogItemRow): CallOutput<'library.purchase'> => {
    // Free items belong to everyone while offered; a withdrawn item only to those who own it.
    const owned =
      (item.available && item.priceCents === 0) ||
      cache.forInmate('entitlements', inmateId).some((e) => e.itemId === item.id);
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      author: item.author,
      priceCents: item.priceCents,
      owned,
      gameId: item.gameId,
    };
  };

  const ownedItem = (inmateId: string, itemId: string): CatalogItemRow => {
    const item = cache.get('catalog', itemId);
    if (!item) throw new KioskError({ code: 'not_found', message: 'This item is not in the library.' });
    if (!catalogItem(inmateId, item).owned)
      throw new KioskError({ code: 'forbidden', message: 'Buy this item first.' });
    return item;
  };

  const progressOf = (inmateId: string, itemId: string) => cache.get('progress', `${inmateId}:${itemId}`);

  const saveProgress = (inmateId: string, itemId: string, data: Record<string, JsonValue>) => {
    const updatedAt = now();
    db.transaction(() => {
      cache.putLocal('progress', { id: `${inmateId}:${itemId}`, inmateId, itemId, data, updatedAt }, inmateId);
      queue(inmateId, uuidv7(), { kind: 'progress', itemId, data, updatedAt });
    })();
    afterQueue();
  };

  const course = (inmateId: string, courseId: string): CallOutput<'courses.get'> => {
    const item = ownedItem(inmateId, courseId);
    if (item.kind !== 'course' || !item.course)
      throw new KioskError({ code: 'not_found', message: 'This is not a course.' });
    const progress = progressOf(inmateId, courseId)?.data ?? {};
    const completed = Array.isArray(progress.completedLessonIds)
      ? progress.completedLessonIds.filter((id): id is string => typeof id === 'string')
      : [];
    return {
      id: item.id,
      title: item.title,
      lessons: item.course.lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title,
        body: lesson.body,
        // The answers stay in core: the screen gets the questions only.
        quiz: lesson.quiz.map((q) => ({ id: q.id, prompt: q.prompt, options: q.options })),
      })),
      completedLessonIds: completed,
      certificateIssuedAt: typeof progress.certificateIssuedAt === 'number' ? progress.certificateIssuedAt : null,
    };
  };

  return {
    'library.catalog': ({ kind, search }, ctx) => {
      const inmateId = me(ctx);
      const wanted = search.trim().toLowerCase();
      return (
        cache
          .all('catalog')
          .filter(
            (item) =>
              item.kind === kind &&
              (!wanted || item.title.toLowerCase().includes(wanted) || item.author.toLowerCase().includes(wanted)),
          )
          .sort((a, b) => a.title.localeCompare(b.title))
          .map((item) => catalogItem(inmateId, item))
          // Withdrawn items are listed for their owners only.
          .filter((item) => item.owned || cache.get('catalog', item.id)?.available !== false)
      );
    },
    'library.purchase': ({ clientId, itemId }, ctx) => {
      const inmateId = me(ctx);
      const item = cache.get('catalog', itemId);
      if (!item) throw new KioskError({ code: 'not_found', message: 'This item is not in the library.' });
      if (catalogItem(inmateId, item).owned) return catalogItem(inmateId, item);
      if (!item.available) throw new KioskError({ code: 'not_found', message: 'This item is no longer offered here.' });
      if (spendable(inmateId) < item.priceCents) {
        throw new KioskError({ code: 'limit', message: 'Not enough money.', detail: { reason: 'insufficient_funds' } });
      }
      db.transaction(() => {
        // Owned at once on this device; the server's entitlement replaces this row when it arrives.
        cache.putLocal(
          'entitlements',
          { id: clientId, inmateId, itemId, clientOpId: clientId, pricePaidCents: item.priceCents, acquiredAt: now() },
          inmateId,
        );
        queue(inmateId, clientId, { kind: 'purchase', itemId, priceCents: item.priceCents });
      })();
      afterQueue();
      return catalogItem(inmateId, item);
    },
    'library.bookUrl': ({ itemId }, ctx) => {
      const inmateId = me(ctx);
      const item = ownedItem(inmateId, itemId);
      const file = item.files[0];
      if (item.kind !== 'book' || !file) throw new KioskError({ code: 'not_found', message: 'This is not a book.' });
      return { url: deps.tokens.url(file, inmateId, ctx.connectionId) };
    },
    'library.progress': ({ itemId }, ctx) => {
      const data = progressOf(me(ctx), itemId)?.data;
      if (!data || typeof data.chapter !== 'number' || typeof data.fraction !== 'number') return null;
      // Synced JSON from any device: only what parses as a position comes back.
      const parsed = ReadingPosition.safeParse({
        chapter: data.chapter,
        fraction: data.fraction,
        ...(typeof data.cfi === 'string' ? { cfi: data.cfi } : {}),
        bookmarks: Array.isArray(data.bookmarks) ? data.bookmarks : [],
      });
      return parsed.success ? parsed.data : null;
    },
    'library.saveProgress': ({ itemId, position }, ctx) => {
      const inmateId = me(ctx);
      ownedItem(inmateId, itemId);
      saveProgress(inmateId, itemId, {
        chapter: position.chapter,
        fraction: position.fraction,
        ...(position.cfi ? { cfi: position.cfi } : {}),
        bookmarks: position.bookmarks,
      });
      return ok;
    },
    'library.bookProblem': ({ itemId, problem, detail }, ctx) => {
      me(ctx);
      deps.reportProblem?.(`book ${itemId} cannot be read: ${problem}: ${detail}`);
      return ok;
    },
    'library.tracks': ({ albumId }, ctx) => {
      const inmateId = me(ctx);
      const item = ownedItem(inmateId, albumId);
      return item.files.map((file, i) => ({
        id: `${item.id}:${i}`,
        title: file.title,
        url: deps.tokens.url(file, inmateId, ctx.connectionId),
        durationSeconds: Math.round(file.durationMs / 1000),
      }));
    },
    'courses.get': ({ courseId }, ctx) => course(me(ctx), courseId),
    'courses.submitQuiz': ({ courseId, lessonId, answers }, ctx) => {
      const inmateId = me(ctx);
      const item = ownedItem(inmateId, courseId);
      const lesson = item.course?.lessons.find((l) => l.id === lessonId);
      if (!item.course || !lesson) throw new KioskError({ code: 'not_found', message: 'This lesson is not here.' });
      const total = lesson.quiz.length;
      const wrongQuestionIds = lesson.quiz.filter((q) => answers[q.id] !== q.answerIndex).map((q) => q.id);
      const correct = total - wrongQuestionIds.length;
      const passed = total === 0 || correct / total >= item.course.passFraction;
      if (passed) {
        const current = course(inmateId, courseId);
        const completed = [...new Set([...current.completedLessonIds, lessonId])];
        const done = item.course.lessons.every((l) => completed.includes(l.id));
        saveProgress(inmateId, courseId, {
          completedLessonIds: completed,
          certificateIssuedAt: current.certificateIssuedAt ?? (done ? now() : null),
        });
      }
      return { correct, total, passed, wrongQuestionIds, course: course(inmateId, courseId) };
    },
  };
}
