import { useCallback, useEffect, useState } from 'react';
import type { ExportJobView } from './ExportList';

/** How often the list is asked again while an export is being built. */
const REFRESH_MS = 2_000;

/**
 * A list of exports (the family's own, or the facility's for admins), loaded once through `run` and
 * asked again every two seconds while one is still being built, so its progress shows without a reload.
 */
export function useExportJobs(
  list: () => Promise<ExportJobView[]>,
  run: (work: () => Promise<void>) => unknown,
): { jobs: ExportJobView[]; load: () => Promise<void>; building: boolean } {
  const [jobs, setJobs] = useState<ExportJobView[]>([]);
  const load = useCallback(async () => setJobs(await list()), [list]);
  useEffect(() => void run(load), [load, run]);
  const building = jobs.some((job) => job.status === 'building' || job.status === 'requested');
  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => void load().catch(() => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [building, load]);
  return { jobs, load, building };
}
