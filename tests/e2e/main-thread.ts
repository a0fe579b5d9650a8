import { availableParallelism, loadavg } from 'node:os';
import { expect, type Page } from '@playwright/test';

/** One task the page's main thread ran: how long it held the thread (wall) and the CPU time it used. */
export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The tasks the renderer's main thread ran while `during` ran, from a
 * Chromium performance trace (CDP tracing, the DevTools timeline's own
 * `RunTask` events), longest first. Each has its wall time and the thread's
 * CPU time: on a shared test machine a task's wall time also counts the time
 * the OS gave the core to other processes, which a kiosk, alone on its device,
 * does not see; the CPU time is what the task costs wherever it runs.
 * Only page-level waits belong in `during`: Playwright's first query inside a
 * newly loaded frame evaluates its own script there, a task of its own that
 * the kiosk never runs.
 */
export async function mainThreadTasks(
  page: Page,
  during: () => Promise<void>,
  overMs = 10,
): Promise<{ tasks: MainThreadTask[]; quiet: boolean }> {
  const quietBefore = machineIsQuiet();
  const browser = page.context().browser();
  if (!browser) throw new Error('tracing needs a browser');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let trace: Buffer;
  try {
    await during();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  return { tasks: tasksOf(events, overMs), quiet: quietBefore && machineIsQuiet() };
}

function tasksOf(events: TraceEvent[], overMs: number): MainThreadTask[] {
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
    .filter((t) => t.wallMs > overMs)
    .sort((a, b) => b.wallMs - a.wallMs);
}

/** Whether this machine has a core to spare right now (1-minute load average below its cores). */
function machineIsQuiet(): boolean {
  return (loadavg()[0] ?? Infinity) < availableParallelism();
}

const longest = (tasks: MainThreadTask[], of: keyof MainThreadTask) => Math.max(0, ...tasks.map((t) => t[of]));

/**
 * No task over `budgetMs`: by its CPU time always, and by its wall time too
 * when the machine had a core to spare throughout (on an overloaded shared
 * machine the wall time measures the other processes). Logs every task over
 * 10 ms as wall/CPU ms, with the load, so each run's figures are on record.
 */
export function expectNoTaskOver(
  measured: { tasks: MainThreadTask[]; quiet: boolean },
  budgetMs: number,
  what: string,
): void {
  const figures = measured.tasks.map((t) => `${Math.round(t.wallMs)}/${Math.round(t.cpuMs)}`).join(' ') || 'none';
  const load = loadavg()[0]?.toFixed(1);
  console.log(
    `${what}: main-thread tasks over 10 ms, wall/cpu ms: ${figures} (load ${load}, quiet: ${measured.quiet})`,
  );
  expect(longest(measured.tasks, 'cpuMs'), `${what}: longest task's CPU time`).toBeLessThanOrEqual(budgetMs);
  if (measured.quiet) expect(longest(measured.tasks, 'wallMs'), `${what}: longest task`).toBeLessThanOrEqual(budgetMs);
}
