import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_WARNING_MS, MAX_LENGTH_WARNING_MS, Sessions } from '../../../electron/core/auth/sessions';

let sessions: Sessions | null = null;
afterEach(() => sessions?.close());

function setup() {
  let now = 0;
  sessions = new Sessions(() => now, 60_000);
  const events: string[] = [];
  sessions.on('expiring', (connection, seconds) => events.push(`expiring ${connection} ${seconds}`));
  sessions.on('ending', (connection, seconds) => events.push(`ending ${connection} ${seconds}`));
  sessions.on('ended', (connection, reason) => events.push(`ended ${connection} ${reason}`));
  return { s: sessions, events, at: (ms: number) => (now = ms) };
}

describe('Sessions', () => {
  it('warns 30 s before the idle timeout, once, and ends the session at it', () => {
    const { s, events, at } = setup();
    s.begin('screen', 'inmate-1', { idleTimeoutMs: 180_000, maxSessionMs: null });
    at(180_000 - IDLE_WARNING_MS - 1);
    s.tick();
    expect(events).toEqual([]);
    at(180_000 - IDLE_WARNING_MS + 1);
    s.tick();
    s.tick();
    expect(events).toEqual(['expiring screen 30']);
    at(180_000);
    s.tick();
    expect(events).toEqual(['expiring screen 30', 'ended screen idle']);
    expect(s.get('screen')).toBeNull();
  });

  it('activity restarts the idle clock (and re-arms the warning)', () => {
    const { s, events, at } = setup();
    s.begin('screen', 'inmate-1', { idleTimeoutMs: 60_000, maxSessionMs: null });
    at(35_000);
    s.tick();
    at(40_000);
    s.touch('screen');
    at(75_000);
    s.tick();
    at(99_000);
    expect(s.get('screen')?.inmateId).toBe('inmate-1');
    expect(events).toEqual(['expiring screen 25', 'expiring screen 25']);
  });

  it("ends a shared kiosk's session at the facility maximum, however active", () => {
    const { s, events, at } = setup();
    s.begin('kiosk', 'inmate-1', { idleTimeoutMs: 60_000, maxSessionMs: 30 * 60_000 });
    for (let t = 0; t < 30 * 60_000; t += 20_000) {
      at(t);
      s.touch('kiosk');
      s.tick();
    }
    at(30 * 60_000);
    expect(s.get('kiosk')).toBeNull();
    expect(events.at(-1)).toBe('ended kiosk max_length');
  });

  it('warns before the facility maximum, once, only for the session nearing it, however active', () => {
    const { s, events, at } = setup();
    const max = 30 * 60_000;
    s.begin('kiosk-1', 'inmate-1', { idleTimeoutMs: 10 * 60_000, maxSessionMs: max });
    at(10 * 60_000);
    s.begin('kiosk-2', 'inmate-2', { idleTimeoutMs: 10 * 60_000, maxSessionMs: max });
    s.begin('tablet', 'inmate-3', { idleTimeoutMs: 10 * 60_000, maxSessionMs: null });
    for (let t = 10 * 60_000; t <= max - MAX_LENGTH_WARNING_MS + 20_000; t += 10_000) {
      at(t);
      ['kiosk-1', 'kiosk-2', 'tablet'].forEach((c) => s.touch(c));
      s.tick();
    }
    expect(events).toEqual([`ending kiosk-1 ${MAX_LENGTH_WARNING_MS / 1000}`]);
    at(max);
    s.tick();
    expect(events).toEqual([`ending kiosk-1 ${MAX_LENGTH_WARNING_MS / 1000}`, 'ended kiosk-1 max_length']);
    expect(s.get('kiosk-2')?.inmateId).toBe('inmate-2');
  });

  it('a call after the deadline finds no session even before the next tick', () => {
    const { s, at } = setup();
    s.begin('screen', 'inmate-1', { idleTimeoutMs: 60_000, maxSessionMs: null });
    at(61_000);
    expect(s.get('screen')).toBeNull();
  });

  it('one person per screen: a new sign-in ends the previous session there, not others', () => {
    const { s, events } = setup();
    s.begin('a', 'inmate-1', { idleTimeoutMs: 60_000, maxSessionMs: null });
    s.begin('b', 'inmate-2', { idleTimeoutMs: 60_000, maxSessionMs: null });
    s.begin('a', 'inmate-3', { idleTimeoutMs: 60_000, maxSessionMs: null });
    expect(events).toEqual(['ended a signed_out']);
    expect(s.get('a')?.inmateId).toBe('inmate-3');
    expect(s.get('b')?.inmateId).toBe('inmate-2');
  });
});
