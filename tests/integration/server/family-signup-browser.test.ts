import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { demoServer } from '../../support/server-harness';
import { WebBrowser } from '../../support/web-browser';

let server: RunningServer;
beforeAll(async () => {
  server = await demoServer();
});
afterAll(() => server.close());

async function confirmationToken(email: string): Promise<string> {
  const box = (await (await fetch(`${server.url}/api/demo/mail?limit=200`)).json()) as {
    mail: { to: string; link?: string }[];
  };
  const link = box.mail.find((mail) => mail.to === email && mail.link?.includes('#confirm?token='))?.link ?? '';
  return new URLSearchParams(new URL(link).hash.split('?')[1] ?? '').get('token') ?? '';
}

describe('sign-up does not ask the question back', () => {
  it('the browser that followed the confirmation link signs in without the question; another browser is asked it', async () => {
    const email = 'new.family@example.com';
    const password = 'correct horse battery';
    const phone = new WebBrowser(server.url);
    const signUp = await phone.request('POST', '/api/family/signup', {
      email,
      password,
      displayName: 'New Family',
      securityQuestion: 'Name of my first pet?',
      securityAnswer: 'Rex',
    });
    expect(signUp.body).toEqual({ status: 'check-email' });
    const confirmed = await phone.request('POST', '/api/family/confirm', { token: await confirmationToken(email) });
    expect(confirmed.status).toBe(200);

    const onPhone = await phone.request('POST', '/api/family/signin', { email, password });
    expect(onPhone.body.status).toBe('signed-in');
    const elsewhere = await new WebBrowser(server.url).request('POST', '/api/family/signin', { email, password });
    expect(elsewhere.body).toMatchObject({ status: 'security-question', question: 'Name of my first pet?' });
  });
});
