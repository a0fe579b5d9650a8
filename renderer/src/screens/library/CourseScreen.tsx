import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import { newClientId } from '../../api/client-id';
import type { Course, Lesson } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useSession } from '../../session/session';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDate } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { usePlace } from '../../ui/use-place';

/** A course: its lessons with progress, one lesson and its quiz at a time, and the certificate at the end. */
export default function CourseScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { library } = useServices();
  const [load, reload] = useLoad<Course>(() => library.course(id), [library, id]);
  const [open, setOpen] = useState<string | null>(null);
  const [course, setCourse] = useState<Course | null>(null);
  const shown = course ?? (load.state === 'ready' ? load.value : null);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={shown?.title ?? t('course.heading')} />
      <LoadView load={load} onRetry={reload}>
        {() => {
          if (!shown) return null;
          const lesson = shown.lessons.find((l) => l.id === open);
          if (lesson)
            return (
              <LessonView course={shown} lesson={lesson} onDone={(c) => setCourse(c)} onBack={() => setOpen(null)} />
            );
          return <CourseOverview course={shown} onOpen={setOpen} />;
        }}
      </LoadView>
    </section>
  );
}

function CourseOverview({ course, onOpen }: { course: Course; onOpen: (lessonId: string) => void }) {
  const place = usePlace();
  const { t } = useTranslation();
  const { inmate } = useSession();
  const done = new Set(course.completedLessonIds);
  const percent = course.lessons.length ? Math.round((done.size / course.lessons.length) * 100) : 0;
  return (
    <>
      <p>
        <label>
          {t('course.progress', { done: done.size, total: course.lessons.length })}{' '}
          <progress max={100} value={percent}>
            {percent}%
          </progress>
        </label>
      </p>
      {course.certificateIssuedAt !== null && (
        <div className="certificate" role="status" data-testid="certificate">
          <p className="certificate__title">{t('course.certificate')}</p>
          <p>{t('course.certifies', { name: inmate?.displayName ?? '', course: course.title })}</p>
          <p className="muted">{formatDate(course.certificateIssuedAt, place)}</p>
        </div>
      )}
      <ol className="cards">
        {course.lessons.map((lesson) => (
          <li key={lesson.id} className="card card--row">
            <span>
              {lesson.title} {done.has(lesson.id) && <span className="badge badge--delivered">{t('course.done')}</span>}
            </span>
            <button type="button" className="button button--primary" onClick={() => onOpen(lesson.id)}>
              {done.has(lesson.id) ? t('course.review') : t('course.start')}
              <span className="visually-hidden">: {lesson.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}

function LessonView({
  course,
  lesson,
  onDone,
  onBack,
}: {
  course: Course;
  lesson: Lesson;
  onDone: (course: Course) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { library } = useServices();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [result, setResult] = useState<{
    correct: number;
    total: number;
    passed: boolean;
    wrongQuestionIds: string[];
  } | null>(null);
  const [error, setError] = useState<KioskError | null>(null);
  const [clientId, setClientId] = useState(newClientId);
  const complete = lesson.quiz.every((q) => answers[q.id] !== undefined);

  const submit = () => {
    setError(null);
    library.submitQuiz({ clientId, courseId: course.id, lessonId: lesson.id, answers }).then(
      (r) => {
        setResult(r);
        setClientId(newClientId());
        onDone(r.course);
      },
      (e: unknown) => setError(KioskError.from(e)),
    );
  };

  return (
    <article className="lesson">
      <h2>{lesson.title}</h2>
      <p className="pre">{lesson.body}</p>
      {lesson.quiz.length > 0 && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (complete) submit();
          }}
        >
          <h3>{t('course.quiz')}</h3>
          {lesson.quiz.map((q, qi) => (
            <fieldset
              key={q.id}
              className="quiz"
              aria-describedby={result?.wrongQuestionIds.includes(q.id) ? `${q.id}-wrong` : undefined}
            >
              <legend>
                {qi + 1}. {q.prompt}
              </legend>
              {result?.wrongQuestionIds.includes(q.id) && (
                <p id={`${q.id}-wrong`} className="quiz__wrong" data-testid="quiz-wrong">
                  {t('course.wrongAnswer')}
                </p>
              )}
              {q.options.map((option, oi) => (
                <label key={oi} className="choice">
                  <input
                    type="radio"
                    name={q.id}
                    checked={answers[q.id] === oi}
                    onChange={() => setAnswers((a) => ({ ...a, [q.id]: oi }))}
                  />
                  <span>{option}</span>
                </label>
              ))}
            </fieldset>
          ))}
          {error && <ErrorNotice error={error} onRetry={submit} />}
          {result && (
            <p
              className={`notice ${result.passed ? 'notice--ok' : 'notice--error'}`}
              role="status"
              data-testid="quiz-result"
            >
              {t(
                !result.passed
                  ? 'course.failed'
                  : result.wrongQuestionIds.length > 0
                    ? 'course.passedWithMistakes'
                    : 'course.passed',
                { correct: result.correct, total: result.total },
              )}
            </p>
          )}
          <button type="submit" className="button button--primary button--large" disabled={!complete}>
            {t('course.submit')}
          </button>
        </form>
      )}
      <button type="button" className="button" onClick={onBack}>
        {t('course.backToLessons')}
      </button>
    </article>
  );
}
