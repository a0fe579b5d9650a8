/**
 * The people of the demo facility. Every sign-in here is printed in
 * server/demo/README.md; none of it is real.
 */
export const demoFacilityName = 'Riverside Correctional Facility';

export interface DemoInmate {
  doc: string;
  pin: string;
  first: string;
  last: string;
  unit: 0 | 1;
  language: 'en' | 'es';
  question: string;
  answer: string;
}

const pet = 'What was the name of your first pet?';
const street = 'What street did you grow up on?';
const mascota = '¿Cómo se llamaba su primera mascota?';

export const demoInmates: DemoInmate[] = [
  { doc: '100234', pin: '2468', first: 'Daniel', last: 'Reyes', unit: 0, language: 'en', question: pet, answer: 'Rex' },
  {
    doc: '100235',
    pin: '1357',
    first: 'Marcus',
    last: 'Johnson',
    unit: 0,
    language: 'en',
    question: street,
    answer: 'Maple',
  },
  {
    doc: '100236',
    pin: '8642',
    first: 'José',
    last: 'Hernández',
    unit: 0,
    language: 'es',
    question: mascota,
    answer: 'Canelo',
  },
  {
    doc: '100237',
    pin: '9753',
    first: 'Tyrone',
    last: 'Williams',
    unit: 0,
    language: 'en',
    question: pet,
    answer: 'Buddy',
  },
  {
    doc: '100238',
    pin: '4321',
    first: 'Luis',
    last: 'García',
    unit: 0,
    language: 'es',
    question: mascota,
    answer: 'Nieve',
  },
  {
    doc: '100239',
    pin: '5678',
    first: 'Kevin',
    last: 'Brown',
    unit: 0,
    language: 'en',
    question: street,
    answer: 'Oak',
  },
  { doc: '100240', pin: '2580', first: 'Andre', last: 'Davis', unit: 0, language: 'en', question: pet, answer: 'Max' },
  {
    doc: '100241',
    pin: '1470',
    first: 'Carlos',
    last: 'Martínez',
    unit: 0,
    language: 'es',
    question: mascota,
    answer: 'Tigre',
  },
  {
    doc: '100242',
    pin: '3690',
    first: 'Robert',
    last: 'Miller',
    unit: 0,
    language: 'en',
    question: street,
    answer: 'Elm',
  },
  {
    doc: '100243',
    pin: '7410',
    first: 'James',
    last: 'Wilson',
    unit: 0,
    language: 'en',
    question: pet,
    answer: 'Lucky',
  },
  {
    doc: '200101',
    pin: '8520',
    first: 'Miguel',
    last: 'López',
    unit: 1,
    language: 'es',
    question: mascota,
    answer: 'Pelusa',
  },
  {
    doc: '200102',
    pin: '9630',
    first: 'Anthony',
    last: 'Moore',
    unit: 1,
    language: 'en',
    question: street,
    answer: 'Pine',
  },
  {
    doc: '200103',
    pin: '1593',
    first: 'David',
    last: 'Taylor',
    unit: 1,
    language: 'en',
    question: pet,
    answer: 'Shadow',
  },
  {
    doc: '200104',
    pin: '7531',
    first: 'Jorge',
    last: 'Ramírez',
    unit: 1,
    language: 'es',
    question: mascota,
    answer: 'Chispa',
  },
  {
    doc: '200105',
    pin: '2684',
    first: 'Brandon',
    last: 'Thomas',
    unit: 1,
    language: 'en',
    question: street,
    answer: 'Cedar',
  },
  {
    doc: '200106',
    pin: '4826',
    first: 'Christopher',
    last: 'Jackson',
    unit: 1,
    language: 'en',
    question: pet,
    answer: 'Bella',
  },
  {
    doc: '200107',
    pin: '6248',
    first: 'Alejandro',
    last: 'Torres',
    unit: 1,
    language: 'es',
    question: mascota,
    answer: 'Rayo',
  },
  {
    doc: '200108',
    pin: '8462',
    first: 'Michael',
    last: 'White',
    unit: 1,
    language: 'en',
    question: street,
    answer: 'Birch',
  },
  {
    doc: '200109',
    pin: '3579',
    first: 'William',
    last: 'Harris',
    unit: 1,
    language: 'en',
    question: pet,
    answer: 'Daisy',
  },
  {
    doc: '200110',
    pin: '9517',
    first: 'Ricardo',
    last: 'Flores',
    unit: 1,
    language: 'es',
    question: mascota,
    answer: 'Luna',
  },
];

export const demoFamilies = [
  {
    email: 'maria.reyes@example.com',
    password: 'riverside-family-1',
    name: 'Maria Reyes',
    relationship: 'Wife',
    question: 'Where did you meet your spouse?',
    answer: 'Church',
  },
  {
    email: 'ana.reyes@example.com',
    password: 'riverside-family-2',
    name: 'Ana Reyes',
    relationship: 'Mother',
    question: 'What was your first car?',
    answer: 'Civic',
  },
  {
    email: 'linda.johnson@example.com',
    password: 'riverside-family-3',
    name: 'Linda Johnson',
    relationship: 'Mother',
    question: 'What was your first car?',
    answer: 'Corolla',
  },
  {
    email: 'rosa.hernandez@example.com',
    password: 'riverside-family-4',
    name: 'Rosa Hernández',
    relationship: 'Hermana',
    question: '¿Cuál fue su primer coche?',
    answer: 'Sentra',
  },
  {
    email: 'keisha.williams@example.com',
    password: 'riverside-family-5',
    name: 'Keisha Williams',
    relationship: 'Partner',
    question: 'What was your first car?',
    answer: 'Focus',
  },
];

export const demoStaff = [
  { email: 'admin@riverside.example', password: 'riverside-admin-1', name: 'Pat Admin', role: 'admin' as const },
  {
    email: 'reviewer@riverside.example',
    password: 'riverside-review-1',
    name: 'Robin Reviewer',
    role: 'reviewer' as const,
  },
  { email: 'tech@riverside.example', password: 'riverside-tech-1', name: 'Sam Ortiz', role: 'technician' as const },
];

/** The technician credential devices check offline (maintenance screen). */
export const demoTechnician = { name: 'Sam Ortiz', secret: 'tech-2468' };
