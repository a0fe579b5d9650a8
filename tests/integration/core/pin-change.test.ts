import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import type { RunningServer } from '../../../server/app';
import { kioskStack, signIn, type KioskStack } from '../../support/kiosk-stack';
import { demoServer } from '../../support/server-harness';

/**
 * Changing a PIN at the kiosk: core checks the current PIN, and the new one
 * works at once, also with the facility server unreachable; the old one stops
 * working. Wrong current PINs count toward the same lockout as sign-in.
 */
let server: RunningServer;
let stack: KioskStack;
let screen: KioskClient;

beforeAll(async () => {
  server = await demoServer();
  stack = await kioskStack({ server });
  await stack.synced();
  screen = await stack.client('pin-screen');
}, 60_000);
afterAll(async () => {
  await stack.close();
  await server.close().catch(() => undefined);
});

describe('PIN change', () => {
  it('refuses a wrong current PIN and counts it, refuses a malformed new PIN', async () => {
    await signIn(screen, '100235', '1357', 'maple');
    await expect(screen.call('auth.changePin', { currentPin: '0000', newPin: '9999' })).rejects.toMatchObject({
      code: 'unauthorized',
      detail: { attemptsLeft: 4 },
    });
    await expect(screen.call('auth.changePin', { currentPin: '1357', newPin: '12' })).rejects.toMatchObject({
      code: 'validation',
    });
    await screen.call('auth.signOut', {});
  });

  it('offline: the new PIN signs in at once, the old one no longer does', async () => {
    await signIn(screen, '100234', '2468', 'rex');
    await server.close(); // the facility is unreachable from here on
    await screen.call('auth.changePin', { currentPin: '2468', newPin: '8080' });
    await screen.call('auth.signOut', {});
    await expect(screen.call('auth.signIn', { docNumber: '100234', pin: '2468' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
    const again = await screen.call('auth.signIn', { docNumber: '100234', pin: '8080' });
    expect(again).toMatchObject({ kind: 'signed-in', inmate: { docNumber: '100234' } });
    // Queued for the server with the change (pushed when it is back).
    const status = await screen.call('sync.status', {});
    expect(status.pendingUploads).toBeGreaterThan(0);
  });

  it('stops at the lockout: wrong current PINs lock sign-in, and then even the right one is refused', async () => {
    for (let i = 0; i < 5; i += 1) {
      await screen.call('auth.changePin', { currentPin: '1111', newPin: '2222' }).catch(() => undefined);
    }
    await expect(screen.call('auth.changePin', { currentPin: '8080', newPin: '2222' })).rejects.toMatchObject({
      code: 'locked_out',
    });
    await screen.call('auth.signOut', {});
    await expect(screen.call('auth.signIn', { docNumber: '100234', pin: '8080' })).rejects.toMatchObject({
      code: 'locked_out',
    });
  });
});
