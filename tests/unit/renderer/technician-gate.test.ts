import { describe, expect, it } from 'vitest';
import { TechnicianGate } from '../../../renderer/src/technician/gate';

const chord = { key: 'T', ctrlKey: true, altKey: true, shiftKey: true, metaKey: false };

function tapTimes(gate: TechnicianGate, start: number, count: number, gap = 300): number {
  let t = start;
  for (let i = 0; i < count; i += 1) {
    gate.press(t, t + 80);
    t += gap;
  }
  return t;
}

describe('TechnicianGate: the gesture', () => {
  it('opens after seven quick taps and a two-second hold', () => {
    const gate = new TechnicianGate();
    const t = tapTimes(gate, 0, 7);
    expect(gate.press(t, t + 2_100)).toBe(true);
  });

  it('six taps are not enough', () => {
    const gate = new TechnicianGate();
    const t = tapTimes(gate, 0, 6);
    expect(gate.press(t, t + 2_100)).toBe(false);
  });

  it('taps spread over more than four seconds do not count (an inmate idly tapping)', () => {
    const gate = new TechnicianGate();
    const t = tapTimes(gate, 0, 7, 900);
    expect(gate.press(t, t + 2_500)).toBe(false);
  });

  it('a medium press after the taps does not open, and the taps must start over', () => {
    const gate = new TechnicianGate();
    let t = tapTimes(gate, 0, 7);
    expect(gate.press(t, t + 1_000)).toBe(false);
    t += 1_100;
    gate.press(t, t + 80);
    expect(gate.press(t + 200, t + 2_300)).toBe(false);
  });

  it('a hold long after the taps does not open', () => {
    const gate = new TechnicianGate();
    const t = tapTimes(gate, 0, 7);
    expect(gate.press(t + 10_000, t + 12_500)).toBe(false);
  });

  it('a long hold alone (leaning on the screen) never opens', () => {
    const gate = new TechnicianGate();
    expect(gate.press(0, 60_000)).toBe(false);
  });
});

describe('TechnicianGate: the service keyboard chord', () => {
  it('opens on the third Ctrl+Alt+Shift+T within two seconds', () => {
    const gate = new TechnicianGate();
    expect(gate.key(chord, 0)).toBe(false);
    expect(gate.key(chord, 500)).toBe(false);
    expect(gate.key(chord, 1_000)).toBe(true);
  });

  it('as a real keyboard sends it: the modifiers arrive as key presses of their own first', () => {
    const gate = new TechnicianGate();
    let opened = false;
    for (const t of [0, 400, 800]) {
      for (const key of ['Control', 'Alt', 'Shift']) gate.key({ ...chord, key, shiftKey: key === 'Shift' }, t);
      opened = gate.key(chord, t + 10);
    }
    expect(opened).toBe(true);
  });

  it('any other key in between starts over', () => {
    const gate = new TechnicianGate();
    gate.key(chord, 0);
    gate.key(chord, 300);
    gate.key({ ...chord, key: 'a', ctrlKey: false, altKey: false, shiftKey: false }, 400);
    expect(gate.key(chord, 500)).toBe(false);
  });

  it('slow presses do not count, nor the chord without every modifier', () => {
    const gate = new TechnicianGate();
    gate.key(chord, 0);
    gate.key(chord, 2_500);
    expect(gate.key(chord, 5_000)).toBe(false);
    const other = new TechnicianGate();
    for (const t of [0, 100, 200, 300]) expect(other.key({ ...chord, altKey: false }, t)).toBe(false);
  });
});
