import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { KioskClient } from '../../shared/kiosk-api/client';
import { kioskStack, type KioskStack } from '../support/kiosk-stack';

/**
 * Issue #12, item 11, as an attacker at the device would try it: the real core behind the real preview
 * host. A technician session belongs to the screen (connection) that signed in, like an inmate's:
 * another screen can neither use it nor end it, and it ends when the host reports its screen gone.
 */
let stack: KioskStack;
let technician: KioskClient;
beforeAll(async () => {
  stack = await kioskStack();
  await stack.synced(60_000);
}, 90_000);
afterAll(() => stack.close());

async function signIn(client: KioskClient) {
  const result = await client.call('technician.signIn', { login: 'Sam Ortiz', secret: 'tech-2468' });
  if (!result.ok) throw new Error(`technician sign-in failed: ${result.problem}`);
}

describe('a technician session is tied to its screen', () => {
  it('another screen gets nothing of it: no diagnostics, no action, no message lookup, no sign-out', async () => {
    technician = await stack.client('maintenance-screen');
    await signIn(technician);
    const other = await stack.client('inmate-screen');
    for (const call of [
      other.call('technician.diagnostics', {}),
      other.call('technician.audit', {}),
      other.call('technician.action', { action: 'exit-kiosk' }),
      other.call('technician.messageTrail', { id: uuidv7() }),
    ])
      await expect(call).rejects.toMatchObject({ code: 'unauthorized' });
    await other.call('technician.signOut', {});
    expect((await technician.call('technician.diagnostics', {})).deviceId).not.toBeNull();
  });

  it('ends when the host reports its screen gone, and a new screen with that name does not inherit it', async () => {
    stack.supervisor.endConnection('maintenance-screen');
    await expect(technician.call('technician.diagnostics', {})).rejects.toMatchObject({ code: 'unauthorized' });
    const again = await stack.client('maintenance-screen');
    await expect(again.call('technician.action', { action: 'sync-now' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});
