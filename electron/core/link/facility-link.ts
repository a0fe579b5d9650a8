import { EventEmitter } from 'node:events';

/** What the device last learned about its connection to the facility server. */
export interface LinkState {
  online: boolean;
  /** server clock − device clock, ms (half the round trip is credited to the request). */
  serverTimeOffsetMs: number | null;
  lastContactAt: number | null;
}

/** One health probe: resolves with the server's clock, rejects when unreachable. */
export type HealthProbe = (signal: AbortSignal) => Promise<{ serverTime: number }>;

export interface FacilityLinkOptions {
  probe: HealthProbe;
  intervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Watches reachability of the facility server with a periodic, time-limited
 * health probe. Emits 'change' with the new LinkState only when it changes, so
 * the UI does not re-render every interval.
 */
export class FacilityLink extends EventEmitter<{ change: [LinkState] }> {
  private state: LinkState = { online: false, serverTimeOffsetMs: null, lastContactAt: null };
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: FacilityLinkOptions) {
    super();
    this.now = options.now ?? Date.now;
  }

  get current(): LinkState {
    return { ...this.state };
  }

  start(): void {
    if (this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 15_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<LinkState> {
    const sentAt = this.now();
    try {
      const { serverTime } = await this.options.probe(AbortSignal.timeout(this.options.timeoutMs ?? 5_000));
      const receivedAt = this.now();
      const midpoint = sentAt + (receivedAt - sentAt) / 2;
      this.update({ online: true, serverTimeOffsetMs: Math.round(serverTime - midpoint), lastContactAt: receivedAt });
    } catch {
      this.update({ ...this.state, online: false });
    }
    return this.current;
  }

  private update(next: LinkState): void {
    const changed =
      next.online !== this.state.online ||
      next.lastContactAt !== this.state.lastContactAt ||
      next.serverTimeOffsetMs !== this.state.serverTimeOffsetMs;
    this.state = next;
    if (changed) this.emit('change', this.current);
  }
}
