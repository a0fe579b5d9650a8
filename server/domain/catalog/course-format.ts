import { z } from 'zod';
import { Language } from '../../../shared/domain/language';
import type { CourseContent } from '../../../shared/sync/rows';
import { HttpError } from '../../http/http-error';

/**
 * The course import format, version 1 (documented in docs/COURSE-FORMAT.md,
 * example in resources/courses/example-course.json): the course, its outline
 * (lesson ids in order) and every lesson with its text and quiz.
 */
const Question = z
  .object({
    id: z.string().min(1).max(64),
    prompt: z.string().min(1).max(1000),
    options: z.array(z.string().min(1).max(300)).min(2).max(8),
    /** Index into options of the right answer (0 is the first). */
    answer: z.number().int().nonnegative(),
  })
  .strict();

const Lesson = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().min(1).max(200),
    text: z.string().min(1).max(50_000),
    quiz: z.array(Question).max(50).default([]),
  })
  .strict();

export const CourseFile = z
  .object({
    format: z.literal('open-kiosk-course'),
    version: z.literal(1),
    title: z.string().trim().min(1).max(300),
    author: z.string().max(200).default(''),
    language: Language,
    description: z.string().max(2000).default(''),
    /** The share of quiz answers that passes, 0–1 (0.7 = 70 %). */
    passMark: z.number().min(0).max(1),
    outline: z.array(z.string().min(1).max(64)).min(1).max(200),
    lessons: z.array(Lesson).min(1).max(200),
  })
  .strict();
export type CourseFile = z.infer<typeof CourseFile>;

const refuse = (code: string, message: string, params: Record<string, string | number> = {}) =>
  new HttpError(422, code, message, params);

/** Parses and checks a course file, or refuses it with the first problem's code; returns the synced content. */
export function readCourse(text: string): { file: CourseFile; content: CourseContent } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('course_not_json', 'the course file is not JSON');
  }
  const parsed = CourseFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse('course_invalid', issue?.message ?? 'invalid', { path: issue?.path.join('.') ?? '' });
  }
  const file = parsed.data;
  const lessons = new Map<string, CourseFile['lessons'][number]>();
  for (const lesson of file.lessons) {
    if (lessons.has(lesson.id)) throw refuse('course_lesson_twice', `lesson ${lesson.id} twice`, { lesson: lesson.id });
    lessons.set(lesson.id, lesson);
  }
  for (const id of file.outline)
    if (!lessons.has(id))
      throw refuse('course_lesson_missing', `the outline names ${id}, not in lessons`, { lesson: id });
  if (new Set(file.outline).size !== file.outline.length)
    throw refuse('course_outline_repeats', 'the outline names a lesson twice');
  for (const lesson of file.lessons) {
    if (!file.outline.includes(lesson.id))
      throw refuse('course_lesson_unlisted', `lesson ${lesson.id} is not in the outline`, { lesson: lesson.id });
    const ids = new Set<string>();
    for (const q of lesson.quiz) {
      if (ids.has(q.id))
        throw refuse('course_question_twice', `${lesson.id}/${q.id} twice`, { lesson: lesson.id, question: q.id });
      ids.add(q.id);
      if (q.answer >= q.options.length)
        throw refuse('course_answer_out_of_range', `${lesson.id}/${q.id}: answer ${q.answer} of ${q.options.length}`, {
          lesson: lesson.id,
          question: q.id,
        });
    }
  }
  return {
    file,
    content: {
      passFraction: file.passMark,
      lessons: file.outline.map((id) => {
        const lesson = lessons.get(id);
        if (!lesson) throw refuse('course_lesson_missing', id, { lesson: id });
        return {
          id: lesson.id,
          title: lesson.title,
          body: lesson.text,
          quiz: lesson.quiz.map((q) => ({ id: q.id, prompt: q.prompt, options: q.options, answerIndex: q.answer })),
        };
      }),
    },
  };
}
