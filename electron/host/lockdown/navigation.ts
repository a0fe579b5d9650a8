/**
 * Where the kiosk window may go: only its own app origin. Anything else
 * (http, https, file, javascript:, data:, another custom scheme) is refused,
 * so a link in a message or an eBook cannot lead out of the kiosk.
 */
/**
 * The origin of a URL, also for custom schemes: Electron treats a registered
 * standard scheme like http (origin kiosk://app), plain WHATWG URL says 'null'.
 */
export function originOf(url: URL): string {
  return url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
}

export function isAllowedNavigation(target: string, appOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return url.host !== '' && originOf(url) === appOrigin && url.username === '' && url.password === '';
}

/** window.open, target=_blank and friends: always denied; the kiosk has exactly one window. */
export function windowOpenAction(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Only the app's own top frame or its same-origin subframes may talk to the
 * kiosk API. A sandboxed eBook frame (opaque origin) or a foreign page cannot.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appOrigin: string): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return url.host !== '' && originOf(url) === appOrigin;
  } catch {
    return false;
  }
}
