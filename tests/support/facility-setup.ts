import { WebBrowser } from './web-browser';

export const firstAdmin = {
  email: 'admin@facility.example',
  displayName: 'First Admin',
  password: 'a long admin password',
  securityQuestion: 'First school?',
  securityAnswer: 'Lincoln',
};

/** The token of a printed setup or staff link (it is in the URL fragment). */
export function linkToken(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.split('?')[1] ?? '').get('token');
  if (!token) throw new Error(`No token in ${link}`);
  return token;
}

/** Uses a setup link as the setup page does; resolves with the first admin's signed-in browser. */
export async function setUpFacility(base: string, link: string) {
  const browser = new WebBrowser(base);
  const response = await browser.request('POST', '/api/setup', {
    token: linkToken(link),
    facility: { name: 'Lakeside Correctional', timeZone: 'America/Chicago', locale: 'en', currency: 'USD' },
    admin: firstAdmin,
  });
  if (response.status !== 200) throw new Error(`setup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return browser;
}
