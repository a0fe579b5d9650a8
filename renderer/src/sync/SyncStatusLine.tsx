import { useTranslation } from 'react-i18next';
import type { SyncState } from '../api/ports';
import { formatDateTime } from '../ui/format';
import { usePlace } from '../ui/use-place';

/** One line saying how fresh what the screen shows is: up to date as of…, syncing…, offline or a sync problem. */
export function SyncStatusLine({ state }: { state: SyncState }) {
  const place = usePlace();
  const { t } = useTranslation();
  const time = state.lastSyncAt === null ? null : formatDateTime(state.lastSyncAt, place);
  let text: string;
  if (state.state === 'syncing') {
    const progress = state.progress;
    text =
      progress && progress.phase === 'pull' && progress.rowsTotal !== null && progress.rowsTotal > 0
        ? t('sync.syncingProgress', { done: progress.rowsApplied, total: progress.rowsTotal })
        : t('sync.syncing');
  } else if (state.state === 'offline')
    text = time === null ? t('sync.offlineNever') : t('sync.offline', { time: t('sync.asOf', { time }) });
  else if (state.state === 'error')
    text = time === null ? t('sync.errorNever') : t('sync.error', { time: t('sync.asOf', { time }) });
  else text = time === null ? t('sync.never') : t('sync.upToDate', { time });
  return (
    <p
      className={`sync-status sync-status--${state.state}`}
      role="status"
      data-testid="sync-status"
      data-state={state.state}
    >
      {text}
    </p>
  );
}
