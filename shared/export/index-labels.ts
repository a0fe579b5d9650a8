/**
 * The words of a person's export page (index.html), in English and Spanish. The page is opened
 * from disk with no script, so it cannot use the apps' i18next catalogs: it is written in the
 * person's language by the server, from this table.
 */
const en = {
  title: 'My data',
  intro: 'Everything the facility server held for you when this copy was made. It works offline.',
  madeAt: 'Made',
  contacts: 'Contacts',
  messages: 'Messages',
  ledger: 'Account transactions',
  purchases: 'Purchases',
  courses: 'Courses',
  tickets: 'Support tickets',
  deposits: 'Deposits',
  scheduledDeposits: 'Scheduled deposits',
  from: 'From',
  to: 'To',
  status: 'Status',
  amount: 'Amount',
  fee: 'Fee',
  date: 'Date',
  item: 'Item',
  receipt: 'Receipt',
  lessonsDone: 'Lessons completed',
  certificate: 'Certificate of completion',
  certificateText: 'completed the course',
  none: 'Nothing here.',
  photo: 'Photo',
  videogram: 'Videogram',
  ecard: 'eCard',
  reason: 'Reason',
  replies: 'Replies',
  files: 'The same data as JSON is in the data folder of this export; photos and videos are in the media folder.',
} as const;

export type IndexLabels = { readonly [K in keyof typeof en]: string };

const es: IndexLabels = {
  title: 'Mis datos',
  intro: 'Todo lo que el servidor del centro guardaba de usted cuando se hizo esta copia. Funciona sin conexión.',
  madeAt: 'Hecho el',
  contacts: 'Contactos',
  messages: 'Mensajes',
  ledger: 'Movimientos de la cuenta',
  purchases: 'Compras',
  courses: 'Cursos',
  tickets: 'Solicitudes de ayuda',
  deposits: 'Depósitos',
  scheduledDeposits: 'Depósitos programados',
  from: 'De',
  to: 'Para',
  status: 'Estado',
  amount: 'Importe',
  fee: 'Comisión',
  date: 'Fecha',
  item: 'Artículo',
  receipt: 'Recibo',
  lessonsDone: 'Lecciones completadas',
  certificate: 'Certificado de finalización',
  certificateText: 'completó el curso',
  none: 'Nada aquí.',
  photo: 'Foto',
  videogram: 'Videomensaje',
  ecard: 'Tarjeta',
  reason: 'Motivo',
  replies: 'Respuestas',
  files:
    'Los mismos datos en JSON están en la carpeta data de esta copia; las fotos y los videos, en la carpeta media.',
};

export const indexLabels: Readonly<Record<'en' | 'es', IndexLabels>> = { en, es };
