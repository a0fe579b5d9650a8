// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DepositHistory, type ScheduledDeposit } from '../../../portal/src/family/DepositHistory';
import en from '../../../portal/src/locales/en.json';
import es from '../../../portal/src/locales/es.json';

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: 'en',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});
afterEach(cleanup);

const schedule = (over: Partial<ScheduledDeposit>): ScheduledDeposit => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
  inmate_id: '0190a1b2-c3d4-7e5f-8a9b-000000000002',
  name: 'Andre Davis',
  amount_cents: 3_000,
  next_at: Date.UTC(2026, 11, 1, 12),
  recurrence: 'monthly',
  lastRun: null,
  ...over,
});

function show(schedules: ScheduledDeposit[], onCancel: (id: string) => Promise<void>) {
  return render(
    <I18nextProvider i18n={i18n}>
      <DepositHistory items={[]} schedules={schedules} onCancel={onCancel} />
    </I18nextProvider>,
  );
}

describe('scheduled deposits in the deposit history', () => {
  it('says plainly when the last payment was declined, and only then', () => {
    show(
      [
        schedule({
          id: '0190a1b2-c3d4-7e5f-8a9b-000000000002',
          lastRun: { due_at: Date.UTC(2026, 10, 1, 12), status: 'declined', problem: 'payment_declined' },
        }),
        schedule({ lastRun: { due_at: Date.UTC(2026, 10, 1, 12), status: 'charged', problem: null } }),
      ],
      () => Promise.resolve(),
    );
    const rows = screen.getAllByTestId('schedule-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('$30.00');
    expect(rows[0]?.textContent).toContain('Every month');
    expect(within(rows[0] as HTMLElement).getByTestId('schedule-declined').textContent).toContain(
      'The last payment was declined',
    );
    expect(within(rows[1] as HTMLElement).queryByTestId('schedule-declined')).toBeNull();
  });

  it('Cancel asks once more: "Keep it" does nothing, "Yes, cancel it" cancels that schedule', async () => {
    const onCancel = vi.fn(() => Promise.resolve());
    show([schedule({})], onCancel);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel this deposit' }));
    expect(screen.getByRole('group', { name: /Cancel \$30\.00 to Andre Davis\?/ })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Keep it');
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(onCancel).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toBe('Cancel this deposit');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel this deposit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(onCancel).toHaveBeenCalledWith('0190a1b2-c3d4-7e5f-8a9b-000000000001');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel this deposit' })).toBeTruthy());
  });

  it('has no schedule list when there is none', () => {
    show([], () => Promise.resolve());
    expect(screen.queryByRole('heading', { name: 'Scheduled and recurring deposits' })).toBeNull();
    expect(screen.getByText('No deposits yet.')).toBeTruthy();
  });
});
