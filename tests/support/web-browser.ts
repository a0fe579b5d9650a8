/** A browser-like HTTP client for the portal API: keeps cookies, echoes the CSRF cookie in its header. */
export class WebBrowser {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown) {
    const csrf = this.cookies.get('ok_csrf');
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie: this.cookieHeader(),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
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
}

/** Signs up and signs in (answering the new-browser question) a family account. */
export async function signedInFamily(base: string, email: string, password = 'correct horse battery') {
  const browser = new WebBrowser(base);
  await browser.request('POST', '/api/family/signup', {
    email,
    password,
    displayName: email.split('@')[0],
    securityQuestion: 'Favourite colour?',
    securityAnswer: 'Blue',
  });
  const first = await browser.request('POST', '/api/family/signin', { email, password });
  if (first.body.status === 'security-question')
    await browser.request('POST', '/api/family/signin/answer', { challengeId: first.body.challengeId, answer: 'blue' });
  return browser;
}
