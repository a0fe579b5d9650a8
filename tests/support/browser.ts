/** A browser-like HTTP client for the portal API: keeps cookies, echoes the CSRF cookie in its header. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}) {
    const csrf = this.cookies.get('ok_csrf');
    const response = await fetch(`${this.base}${path}`, {
      method,
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
      body: (await response.json().catch(() => null)) as Record<string, unknown> & unknown[],
    };
  }

  /** A raw GET (media), returning the response itself. */
  raw(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookieHeader(), ...headers } });
  }
}
