import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { attachCrashRecovery, type RecoverableWindow } from '../../../electron/main/crash-recovery';

function fakeWindow() {
  const windowEvents = new EventEmitter();
  const contentsEvents = new EventEmitter();
  const loadURL = vi.fn(() => Promise.resolve());
  const forcefullyCrashRenderer = vi.fn();
  let destroyed = false;
  const window: RecoverableWindow = {
    on: (event, listener) => windowEvents.on(event, listener),
    isDestroyed: () => destroyed,
    loadURL,
    webContents: { on: (event, listener) => contentsEvents.on(event, listener), forcefullyCrashRenderer },
  };
  return { window, windowEvents, contentsEvents, loadURL, forcefullyCrashRenderer, destroy: () => (destroyed = true) };
}

describe('renderer crash recovery', () => {
  it('reloads the start screen and logs when the renderer process dies', () => {
    const f = fakeWindow();
    const log = vi.fn();
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 10_000,
      log,
      endSession: () => undefined,
    });
    f.contentsEvents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(f.loadURL).toHaveBeenCalledWith('kiosk://app/index.html');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('renderer gone'), { reason: 'crashed', exitCode: 139 });
  });

  it('kills and reloads a renderer hung longer than the timeout', () => {
    vi.useFakeTimers();
    const f = fakeWindow();
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 10_000,
      log: () => undefined,
      endSession: () => undefined,
    });
    f.windowEvents.emit('unresponsive');
    f.windowEvents.emit('unresponsive'); // repeated notices do not stack timers
    vi.advanceTimersByTime(9_999);
    expect(f.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(f.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(f.loadURL).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });

  it('leaves a renderer alone that recovers in time', () => {
    vi.useFakeTimers();
    const f = fakeWindow();
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 10_000,
      log: () => undefined,
      endSession: () => undefined,
    });
    f.windowEvents.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    f.windowEvents.emit('responsive');
    vi.advanceTimersByTime(20_000);
    expect(f.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(f.loadURL).not.toHaveBeenCalled();
    vi.useRealTimers();
  });

  it('does nothing to a window that is already gone', () => {
    const f = fakeWindow();
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 1,
      log: () => undefined,
      endSession: () => undefined,
    });
    f.destroy();
    f.contentsEvents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(f.loadURL).not.toHaveBeenCalled();
  });

  it('ends the inmate session of the crashed window before it reloads (the reloaded page keeps its connection id)', () => {
    const f = fakeWindow();
    const order: string[] = [];
    f.loadURL.mockImplementation(() => (order.push('reload'), Promise.resolve()));
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 10_000,
      log: () => undefined,
      endSession: () => order.push('end-session'),
    });
    f.contentsEvents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    expect(order).toEqual(['end-session', 'reload']);
  });

  it('ends the session of a hung window when it is killed and reloaded, and not while it only stutters', () => {
    vi.useFakeTimers();
    const f = fakeWindow();
    const endSession = vi.fn();
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 10_000,
      log: () => undefined,
      endSession,
    });
    f.windowEvents.emit('unresponsive');
    vi.advanceTimersByTime(2_000);
    f.windowEvents.emit('responsive');
    vi.advanceTimersByTime(20_000);
    expect(endSession).not.toHaveBeenCalled();
    f.windowEvents.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    expect(endSession).toHaveBeenCalledTimes(1);
    expect(endSession.mock.invocationCallOrder[0]).toBeLessThan(f.loadURL.mock.invocationCallOrder[0] ?? 0);
    vi.useRealTimers();
  });

  it('ends the session even when the window is already gone', () => {
    const f = fakeWindow();
    const endSession = vi.fn();
    attachCrashRecovery(f.window, {
      startUrl: 'kiosk://app/index.html',
      hangTimeoutMs: 1,
      log: () => undefined,
      endSession,
    });
    f.destroy();
    f.contentsEvents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(endSession).toHaveBeenCalledTimes(1);
    expect(f.loadURL).not.toHaveBeenCalled();
  });
});
