import { originOf } from './navigation';

/**
 * Permission policy of the kiosk session. Everything is denied except camera
 * and microphone (media capture, for recording a videogram reply) asked for by
 * the app's own origin. Notifications, geolocation, USB, serial, HID,
 * clipboard, fullscreen changes, pointer lock, MIDI, display capture: denied.
 */
export interface PermissionRequest {
  permission: string;
  requestingUrl: string;
  /** For 'media': what is asked for ('video', 'audio'). */
  mediaTypes?: readonly string[];
  isMainFrame?: boolean;
}

const allowedMediaTypes = new Set(['video', 'audio']);

export function isPermissionAllowed(request: PermissionRequest, appOrigin: string): boolean {
  if (request.permission !== 'media') return false;
  let origin: string;
  try {
    const url = new URL(request.requestingUrl);
    origin = url.host === '' ? 'null' : originOf(url);
  } catch {
    return false;
  }
  if (origin !== appOrigin) return false;
  const types = request.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => allowedMediaTypes.has(type));
}

/** Synchronous permission checks (navigator.permissions.query etc.) follow the same rule. */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string, appOrigin: string): boolean {
  return permission === 'media' && requestingOrigin === appOrigin;
}
