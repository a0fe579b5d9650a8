import { expect } from 'vitest';

/** A browser-like HTTP client for the portal API: keeps cookies, echoes the CSRF cookie in its header. */
export class WebBrowser {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  /** A JSON request; `csrf: false` leaves the CSRF header out (to show the server refuses it). */
  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}) {
    const csrf = this.cookies.get('ok_csrf');
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie: this.cookieHeader(),
        ...(csrf && options.csrf !== false ? { 'x-csrf-token': csrf } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/Max-Age=0/.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, decodeURIComponent(value.join('=')));
    }
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json().catch(() => null)) as Record<string, unknown> & unknown[],
    };
  }

  /** A raw body (a videogram file) with its content type. */
  async upload(path: string, bytes: Uint8Array, type: string) {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: this.cookieHeader(), 'x-csrf-token': this.cookies.get('ok_csrf') ?? '' },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** A raw GET (media), returning the response itself. */
  raw(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookieHeader(), ...headers } });
  }
}

/**
 * Follows the confirmation link a sign-up mailed to `email`, read from the demo mailbox (the server must be
 * a demo one); resolves false when there is no such mail.
 */
export async function confirmSignUp(base: string, email: string): Promise<boolean> {
  const response = await fetch(`${base}/api/demo/mail?limit=200`);
  if (!response.ok) return false;
  const box = (await response.json()) as {
    mail: { to: string; link?: string }[];
  };
  const link = box.mail.find((mail) => mail.to === email && mail.link?.includes('#confirm?token='))?.link;
  const token = link ? new URLSearchParams(new URL(link).hash.split('?')[1] ?? '').get('token') : null;
  if (!token) return false;
  const confirmed = await fetch(`${base}/api/family/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return confirmed.ok;
}

/** A new browser that signed a family up (question: "Favourite colour?") and followed the mailed confirmation. */
async function confirmedFamily(base: string, email: string, password: string, answer: string) {
  const browser = new WebBrowser(base);
  await browser.request('POST', '/api/family/signup', {
    email,
    password,
    displayName: email.split('@')[0],
    securityQuestion: 'Favourite colour?',
    securityAnswer: answer,
  });
  await confirmSignUp(base, email);
  return browser;
}

/** Signs up, confirms the email and signs in (answering the new-browser question) a family account. */
export async function signedInFamily(base: string, email: string, password = 'correct horse battery') {
  const browser = await confirmedFamily(base, email, password, 'Blue');
  const first = await browser.request('POST', '/api/family/signin', { email, password });
  if (first.body.status === 'security-question')
    await browser.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'blue' });
  return browser;
}

/**
 * Signs up, confirms and signs in a family account on a new browser, checking each step as a family sees it:
 * the security question is asked, and a differently written answer (spaces, case) is accepted.
 */
async function questionedFamily(base: string, email: string, password = 'correct horse battery', answer = 'Blue') {
  const browser = await confirmedFamily(base, email, password, answer);
  const first = await browser.request('POST', '/api/family/signin', { email, password });
  expect(first.body).toMatchObject({ status: 'security-question', question: 'Favourite colour?' });
  const done = await browser.request('POST', '/api/family/signin/answer', {
    challengeId: first.body.challengeId,
    answer: ` ${answer.toLowerCase()} `,
  });
  expect(done.body).toMatchObject({ status: 'signed-in' });
  return browser;
}

/** Signs a staff member in, checking the server said yes. */
export async function signedInStaff(base: string, email: string, password: string) {
  const browser = new WebBrowser(base);
  expect((await browser.request('POST', '/api/staff/signin', { email, password })).status).toBe(200);
  return browser;
}

/** The demo seed's staff, signed in on a new browser each. */
export const demoStaff = {
  admin: (base: string) => signedInStaff(base, 'admin@riverside.example', 'riverside-admin-1'),
  reviewer: (base: string) => signedInStaff(base, 'reviewer@riverside.example', 'riverside-review-1'),
  technician: (base: string) => signedInStaff(base, 'tech@riverside.example', 'riverside-tech-1'),
};

/** A family member who is an approved contact of the inmate with this DOC number. */
export async function approvedFamily(base: string, email: string, docNumber: string) {
  const f = await signedInFamily(base, email);
  const contact = await f.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  await (
    await demoStaff.admin(base)
  ).request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true });
  return { browser: f, contactId: String(contact.body.id) };
}

/** Asks, as this family, for the inmate with this DOC number as a contact, approved by the demo admin; its id. */
export async function approvedContact(base: string, family: WebBrowser, docNumber: string) {
  const contact = await family.request('POST', '/api/family/contacts', { docNumber, relationship: null });
  const admin = new WebBrowser(base);
  await admin.request('POST', '/api/staff/signin', {
    email: 'admin@riverside.example',
    password: 'riverside-admin-1',
  });
  expect(
    (await admin.request('POST', `/api/staff/contacts/${String(contact.body.id)}`, { approve: true })).status,
  ).toBe(200);
  return String(contact.body.id);
}

/** The portal's people on one test server: families signed in as questionedFamily does, staff by password. */
export const portalPeople = (base: () => string) => ({
  family: (email: string, password?: string, answer?: string) => questionedFamily(base(), email, password, answer),
  staff: (email: string, password: string) => signedInStaff(base(), email, password),
});

/** A list an API answered with, read as rows. */
export const rows = (body: unknown) => body as { id: string; body?: string; status?: string }[];
