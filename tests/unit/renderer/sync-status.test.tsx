// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskServices, SyncState } from '../../../renderer/src/api/ports';
import { ServicesProvider } from '../../../renderer/src/api/services-context';
import { initI18n } from '../../../renderer/src/i18n';
import { FirstSync } from '../../../renderer/src/screens/technician/SetupScreen';
import { SyncStatusLine } from '../../../renderer/src/sync/SyncStatusLine';
import { formatDateTime } from '../../../renderer/src/ui/format';

const i18n = initI18n('en');
afterEach(cleanup);

function fakeSync(first: SyncState) {
  const listeners = new Set<(s: SyncState) => void>();
  const services = {
    sync: {
      status: () => Promise.resolve(first),
      onChange: (l: (s: SyncState) => void) => (listeners.add(l), () => listeners.delete(l)),
    },
  } as unknown as KioskServices;
  return { services, emit: (s: SyncState) => act(() => listeners.forEach((l) => l(s))) };
}

const base: SyncState = { state: 'idle', lastSyncAt: null, pendingUploads: 0, progress: null };

describe('the first sync on the setup screen', () => {
  it('shows rows received of the total as a progress bar, and goes on when a sync after enrollment finished', async () => {
    const enrolledAt = Date.now();
    const onFinished = vi.fn();
    const { services, emit } = fakeSync(base);
    render(
      <I18nextProvider i18n={i18n}>
        <ServicesProvider services={services}>
          <FirstSync enrolledAt={enrolledAt} onFinished={onFinished} />
        </ServicesProvider>
      </I18nextProvider>,
    );
    expect(await screen.findByText('Connecting…')).toBeTruthy();
    emit({
      ...base,
      state: 'syncing',
      progress: { phase: 'pull', pushed: 0, pages: 2, rowsApplied: 40, rowsTotal: 160 },
    });
    expect(screen.getByTestId('first-sync-text').textContent).toBe('40 of about 160 items received');
    const bar = screen.getByRole('progressbar', { name: 'First sync' });
    expect(bar.getAttribute('value')).toBe('40');
    expect(bar.getAttribute('max')).toBe('160');
    // An older sync (before this enrollment) does not count.
    emit({ ...base, state: 'idle', lastSyncAt: enrolledAt - 60_000 });
    expect(onFinished).not.toHaveBeenCalled();
    emit({ ...base, state: 'offline', lastSyncAt: null });
    expect(screen.getByTestId('first-sync-text').textContent).toContain('cannot be reached');
    expect(screen.getByRole('button', { name: 'Continue without waiting' })).toBeTruthy();
    vi.useFakeTimers();
    emit({ ...base, state: 'idle', lastSyncAt: enrolledAt + 10 });
    expect(screen.getByTestId('first-sync-text').textContent).toBe('First sync done.');
    expect(onFinished).not.toHaveBeenCalled(); // "done" stays a moment
    act(() => {
      vi.advanceTimersByTime(1500);
    });
    expect(onFinished).toHaveBeenCalled();
    vi.useRealTimers();
  });
});

describe('the sync line on the home screen', () => {
  const at = Date.UTC(2026, 10, 20, 14, 30);
  const line = (state: SyncState) => {
    render(
      <I18nextProvider i18n={i18n}>
        <SyncStatusLine state={state} />
      </I18nextProvider>,
    );
    const text = screen.getByTestId('sync-status').textContent;
    cleanup();
    return text;
  };
  it('says how fresh the data is, in local time, and why when it is not', () => {
    const local = formatDateTime(at, { language: 'en', timeZone: null });
    expect(line({ ...base, lastSyncAt: at })).toBe(`Up to date as of ${local}`);
    expect(line({ ...base, state: 'offline', lastSyncAt: at })).toBe(`Offline. Showing what was synced as of ${local}`);
    expect(line({ ...base, state: 'error', lastSyncAt: null })).toBe('Sync problem. Nothing synced yet');
    expect(line(base)).toBe('Not synced yet');
    expect(
      line({
        ...base,
        state: 'syncing',
        lastSyncAt: at,
        progress: { phase: 'pull', pushed: 0, pages: 1, rowsApplied: 5, rowsTotal: 9 },
      }),
    ).toBe('Syncing… 5 of about 9 items');
  });
});
