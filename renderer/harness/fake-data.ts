/* The screen harness's fixed demo data (names, texts, the course, the catalog), apart from the fake's behaviour. */
import type { Contact, Course, Inmate, LibraryItem } from '../src/api/ports';

export const senders = [
  'Maria Lopez',
  'James Carter',
  'Ana Ruiz',
  'Tom Nguyen',
  'Lucia Fernández',
  'Grace Kim',
  'Pedro Alvarez',
];
export const phrases = [
  'Thinking of you today. The kids say hello!',
  'We visited grandma on Sunday, she is doing better.',
  'Happy birthday! We love you and miss you.',
  '¿Cómo estás? Te mandamos fotos de la fiesta.',
  'Your cousin got a new job at the hospital.',
  'The dog learned a new trick, see the video.',
];
export const demoInmate: Inmate = { id: 'inmate-1', displayName: 'Daniel Reyes', docNumber: '100234', language: 'en' };
export const demoPin = '2468';

export const courseLessons: Course['lessons'] = [
  {
    id: 'l1',
    title: 'Making a budget',
    body: 'A budget is a plan for your money.\nWrite down what comes in and what goes out.',
    quiz: [
      { id: 'q1', prompt: 'What is a budget?', options: ['A plan for your money', 'A kind of bank', 'A loan'] },
      {
        id: 'q2',
        prompt: 'What do you write down first?',
        options: ['Only expenses', 'What comes in and goes out', 'Nothing'],
      },
      { id: 'q4', prompt: 'How often should you look at your budget?', options: ['Every month', 'Never'] },
    ],
  },
  {
    id: 'l2',
    title: 'Saving',
    body: 'Save a little every week. Small amounts add up.',
    quiz: [{ id: 'q3', prompt: 'Do small amounts add up?', options: ['Yes', 'No'] }],
  },
];
export const quizAnswers: Record<string, number> = { q1: 0, q2: 1, q3: 0, q4: 0 };
export const demoCatalog: LibraryItem[] = [
  { id: 'book-1', kind: 'book', title: 'The River Road', author: 'A. Writer', priceCents: 0, owned: true },
  { id: 'book-2', kind: 'book', title: 'Cuentos del mar', author: 'B. Autora', priceCents: 299, owned: false },
  { id: 'album-1', kind: 'album', title: 'Quiet Mornings', author: 'The Facility Band', priceCents: 0, owned: true },
  { id: 'album-2', kind: 'album', title: 'Boleros', author: 'Trío Azul', priceCents: 499, owned: false },
  { id: 'course-1', kind: 'course', title: 'Money basics', author: 'Education dept.', priceCents: 0, owned: true },
];
export const demoContacts: Contact[] = [
  { id: 'c0', displayName: 'Maria Lopez', relationship: 'Mother' },
  { id: 'c1', displayName: 'James Carter', relationship: 'Brother' },
  { id: 'c2', displayName: 'Ana Ruiz', relationship: null },
];
