/**
 * How a technician reaches the maintenance screen on a provisioned device,
 * without an inmate ever getting there by accident: seven taps on the
 * facility name within four seconds, then a held press of two seconds; or,
 * with a service keyboard, Ctrl+Alt+Shift+T pressed three times within two
 * seconds. Either only opens the technician sign-in, which needs a
 * credential issued by the server.
 */
export interface GateOptions {
  readonly taps: number;
  readonly tapWindowMs: number;
  readonly holdMs: number;
  /** A press shorter than this is a tap. */
  readonly tapMaxMs: number;
  readonly chordPresses: number;
  readonly chordWindowMs: number;
}

const defaultGateOptions: GateOptions = {
  taps: 7,
  tapWindowMs: 4_000,
  holdMs: 2_000,
  tapMaxMs: 600,
  chordPresses: 3,
  chordWindowMs: 2_000,
};

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

function isTechnicianChord(event: KeyLike): boolean {
  return event.ctrlKey && event.altKey && event.shiftKey && !event.metaKey && event.key.toLowerCase() === 't';
}

const modifierKeys = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph']);

export class TechnicianGate {
  private taps: number[] = [];
  private chords: number[] = [];
  private armedAt: number | null = null;

  constructor(private readonly options: GateOptions = defaultGateOptions) {}

  /**
   * One press on the target, from pointer down to pointer up. Short presses
   * count as taps; a long hold right after enough taps opens the sign-in;
   * anything in between starts over. True opens the technician sign-in.
   */
  press(pressedAt: number, releasedAt: number): boolean {
    const duration = releasedAt - pressedAt;
    if (duration < this.options.tapMaxMs) {
      this.taps = [...this.taps.filter((t) => pressedAt - t <= this.options.tapWindowMs), pressedAt];
      this.armedAt = this.taps.length >= this.options.taps ? pressedAt : null;
      return false;
    }
    const opened =
      duration >= this.options.holdMs && this.armedAt !== null && pressedAt - this.armedAt <= this.options.tapWindowMs;
    this.reset();
    return opened;
  }

  /** A key press; true when it completes the chord sequence. */
  key(event: KeyLike, now: number): boolean {
    // Pressing the modifiers themselves is part of the chord, not a different key.
    if (modifierKeys.has(event.key)) return false;
    if (!isTechnicianChord(event)) {
      this.chords = [];
      return false;
    }
    this.chords = [...this.chords.filter((t) => now - t <= this.options.chordWindowMs), now];
    if (this.chords.length < this.options.chordPresses) return false;
    this.reset();
    return true;
  }

  reset(): void {
    this.taps = [];
    this.chords = [];
    this.armedAt = null;
  }
}
