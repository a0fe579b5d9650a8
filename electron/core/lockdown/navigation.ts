/**
 * Where the kiosk window may go: only its own app origin. Anything else
 * (http, https, file, javascript:, data:, another custom scheme) is refused,
 * so a link in a message or an eBook cannot lead out of the kiosk.
 */
export function isAllowedNavigation(target: string, appOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return url.origin === appOrigin && url.username === '' && url.password === '';
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
    return new URL(frameUrl).origin === appOrigin;
  } catch {
    return false;
  }
}
