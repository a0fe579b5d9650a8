import { describe, expect, it } from 'vitest';
import { isPermissionAllowed, isPermissionCheckAllowed } from '../../../electron/host/lockdown/permissions';

const app = 'kiosk://app';
const fromApp = 'kiosk://app/index.html';

describe('permission policy', () => {
  it('allows camera and microphone for the app (videogram recording)', () => {
    expect(
      isPermissionAllowed({ permission: 'media', requestingUrl: fromApp, mediaTypes: ['video', 'audio'] }, app),
    ).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: fromApp, mediaTypes: ['audio'] }, app)).toBe(true);
  });

  it('denies media capture to any other origin', () => {
    expect(
      isPermissionAllowed({ permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }, app),
    ).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: 'garbage', mediaTypes: ['video'] }, app)).toBe(
      false,
    );
  });

  it('denies media requests with no or unknown media types (e.g. screen capture)', () => {
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: fromApp, mediaTypes: [] }, app)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requestingUrl: fromApp }, app)).toBe(false);
    expect(
      isPermissionAllowed({ permission: 'media', requestingUrl: fromApp, mediaTypes: ['video', 'screen'] }, app),
    ).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'idle-detection',
    'window-management',
    'storage-access',
    'speaker-selection',
    'mediaKeySystem',
    'unknown',
  ])('denies %s even to the app', (permission) => {
    expect(isPermissionAllowed({ permission, requestingUrl: fromApp }, app)).toBe(false);
    expect(isPermissionCheckAllowed(permission, app, app)).toBe(false);
  });

  it('permission checks follow the same rule', () => {
    expect(isPermissionCheckAllowed('media', app, app)).toBe(true);
    expect(isPermissionCheckAllowed('media', 'https://evil.example', app)).toBe(false);
  });
});
