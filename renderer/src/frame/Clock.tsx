import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../ui/format';
import { usePlace } from '../ui/use-place';

/** Shows facility time: the device clock corrected by the server's offset, since kiosk clocks drift. */
export function Clock({ offsetMs }: { offsetMs: number | null }) {
  const place = usePlace();
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  const facilityNow = now + (offsetMs ?? 0);
  return (
    <time className="frame__clock" dateTime={new Date(facilityNow).toISOString()} aria-label={t('frame.clockLabel')}>
      {formatClock(facilityNow, place)}
    </time>
  );
}
