import { describe, expect, it } from 'vitest';
import { blockedShortcutRules, shortcutVerdict, type KeyInput } from '../../../electron/host/lockdown/shortcuts';

const press = (key: string, mods: Partial<Pick<KeyInput, 'control' | 'meta' | 'alt' | 'shift'>> = {}): KeyInput => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

/** Every escape route a kiosk user might try, blocked in production. */
const alwaysBlocked: [string, KeyInput][] = [
  ['Alt+F4', press('F4', { alt: true })],
  ['Alt+Tab', press('Tab', { alt: true })],
  ['Alt+Shift+Tab', press('Tab', { alt: true, shift: true })],
  ['Alt+Esc', press('Escape', { alt: true })],
  ['Alt+Space', press(' ', { alt: true })],
  ['Ctrl+W', press('w', { control: true })],
  ['Cmd+W', press('w', { meta: true })],
  ['Ctrl+Q', press('q', { control: true })],
  ['Cmd+Q', press('q', { meta: true })],
  ['Ctrl+N', press('n', { control: true })],
  ['Ctrl+Shift+N', press('N', { control: true, shift: true })],
  ['Ctrl+T', press('t', { control: true })],
  ['Ctrl+Tab', press('Tab', { control: true })],
  ['Ctrl+P', press('p', { control: true })],
  ['Cmd+P', press('p', { meta: true })],
  ['Ctrl+S', press('s', { control: true })],
  ['Ctrl+O', press('o', { control: true })],
  ['Ctrl+U', press('u', { control: true })],
  ['Ctrl+H', press('h', { control: true })],
  ['Ctrl+J', press('j', { control: true })],
  ['Ctrl+Shift+J (downloads / console)', press('J', { control: true, shift: true })],
  ['Ctrl+L', press('l', { control: true })],
  ['Ctrl+M', press('m', { control: true })],
  ['Ctrl+Plus', press('+', { control: true })],
  ['Ctrl+=', press('=', { control: true })],
  ['Ctrl+Minus', press('-', { control: true })],
  ['Ctrl+0', press('0', { control: true })],
  ['Alt+Left', press('ArrowLeft', { alt: true })],
  ['Alt+Right', press('ArrowRight', { alt: true })],
  ['BrowserBack', press('BrowserBack')],
  ['BrowserForward', press('BrowserForward')],
  ['BrowserHome', press('BrowserHome')],
  ['F11', press('F11')],
  ['F1', press('F1')],
  ['Meta (Win key)', press('Meta', { meta: true })],
];

const devOnly: [string, KeyInput][] = [
  ['F5', press('F5')],
  ['Ctrl+F5', press('F5', { control: true })],
  ['Ctrl+R', press('r', { control: true })],
  ['Cmd+R', press('r', { meta: true })],
  ['Ctrl+Shift+R', press('R', { control: true, shift: true })],
  ['F12', press('F12')],
  ['Ctrl+Shift+I', press('I', { control: true, shift: true })],
  ['Cmd+Alt+I', press('i', { meta: true, alt: true })],
  ['Ctrl+Shift+C', press('C', { control: true, shift: true })],
];

const allowed: [string, KeyInput][] = [
  ['a', press('a')],
  ['Shift+A', press('A', { shift: true })],
  ['ñ', press('ñ')],
  ['Enter', press('Enter')],
  ['Backspace', press('Backspace')],
  ['Tab (focus next)', press('Tab')],
  ['Shift+Tab (focus previous)', press('Tab', { shift: true })],
  ['Escape (close dialog)', press('Escape')],
  ['Arrow keys', press('ArrowDown')],
  ['minus sign', press('-')],
  ['digit 0', press('0')],
  ['Ctrl+C (copy)', press('c', { control: true })],
  ['Ctrl+V (paste)', press('v', { control: true })],
  ['Ctrl+A (select all)', press('a', { control: true })],
  ['Ctrl+Z (undo)', press('z', { control: true })],
];

describe('shortcut policy', () => {
  it.each([...alwaysBlocked, ...devOnly])('blocks %s in production', (_name, input) => {
    expect(shortcutVerdict(input, { production: true })).toBe('block');
  });

  it.each(alwaysBlocked)('blocks %s in development too', (_name, input) => {
    expect(shortcutVerdict(input, { production: true })).toBe('block');
    expect(shortcutVerdict(input, { production: false })).toBe('block');
  });

  it.each(devOnly)('leaves %s to the developer outside production', (_name, input) => {
    expect(shortcutVerdict(input, { production: false })).toBe('allow');
  });

  it.each(allowed)('lets %s through (typing and navigation)', (_name, input) => {
    expect(shortcutVerdict(input, { production: true })).toBe('allow');
  });

  it('ignores key-up and char events (the key-down was already judged)', () => {
    expect(shortcutVerdict({ ...press('F4', { alt: true }), type: 'keyUp' }, { production: true })).toBe('allow');
    expect(shortcutVerdict({ ...press('w', { control: true }), type: 'rawKeyDown' }, { production: true })).toBe(
      'block',
    );
  });

  it('every rule is exercised by the lists above', () => {
    const used = new Set<string>();
    for (const [, input] of [...alwaysBlocked, ...devOnly]) {
      const mod = input.control || input.meta;
      for (const rule of blockedShortcutRules) if (rule.matches(input, mod)) used.add(rule.name);
    }
    expect([...used].sort()).toEqual(blockedShortcutRules.map((r) => r.name).sort());
  });
});
