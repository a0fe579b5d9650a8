/**
 * Keyboard shortcuts the kiosk swallows before Chromium sees them. Electron
 * cannot stop OS-level combinations (Alt+Tab, Ctrl+Alt+Del, the Win key) on
 * Windows and Linux once they reach the OS shell: the real lock is the kiosk
 * shell (cage, Assigned Access), see docs/DEPLOY.md. Here we block everything
 * that reaches the window.
 */
export interface KeyInput {
  /** 'keyDown', 'keyUp', 'rawKeyDown' or 'char' (Electron's Input.type). */
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export interface ShortcutOptions {
  /** In development, reload and devtools stay available to the developer. */
  production: boolean;
}

interface Rule {
  readonly name: string;
  readonly devOnly?: boolean;
  matches(input: KeyInput, mod: boolean): boolean;
}

const key = (input: KeyInput) => input.key.toLowerCase();

/** Every blocked shortcut, named so the test can list them. */
export const blockedShortcutRules: readonly Rule[] = [
  { name: 'Alt+F4 (close window)', matches: (i) => i.alt && key(i) === 'f4' },
  { name: 'Alt+Tab / Alt+Shift+Tab (switch app)', matches: (i) => i.alt && key(i) === 'tab' },
  { name: 'Alt+Esc (cycle windows)', matches: (i) => i.alt && key(i) === 'escape' },
  { name: 'Alt+Space (window menu)', matches: (i) => i.alt && key(i) === ' ' },
  { name: 'Ctrl/Cmd+W (close)', matches: (i, mod) => mod && key(i) === 'w' },
  { name: 'Ctrl/Cmd+Q (quit)', matches: (i, mod) => mod && key(i) === 'q' },
  { name: 'Ctrl/Cmd+N / Ctrl+Shift+N (new window)', matches: (i, mod) => mod && key(i) === 'n' },
  { name: 'Ctrl/Cmd+T (new tab)', matches: (i, mod) => mod && key(i) === 't' },
  { name: 'Ctrl/Cmd+Tab (next tab)', matches: (i, mod) => mod && key(i) === 'tab' },
  { name: 'Ctrl/Cmd+P (print)', matches: (i, mod) => mod && key(i) === 'p' },
  { name: 'Ctrl/Cmd+S (save page)', matches: (i, mod) => mod && key(i) === 's' },
  { name: 'Ctrl/Cmd+O (open file)', matches: (i, mod) => mod && key(i) === 'o' },
  { name: 'Ctrl/Cmd+U (view source)', matches: (i, mod) => mod && key(i) === 'u' },
  { name: 'Ctrl/Cmd+H / J (history, downloads)', matches: (i, mod) => mod && (key(i) === 'h' || key(i) === 'j') },
  { name: 'Ctrl/Cmd+L (address bar)', matches: (i, mod) => mod && key(i) === 'l' },
  { name: 'Ctrl/Cmd+M (minimise)', matches: (i, mod) => mod && key(i) === 'm' },
  { name: 'Ctrl/Cmd + / - / 0 (zoom)', matches: (i, mod) => mod && ['+', '=', '-', '_', '0'].includes(key(i)) },
  {
    name: 'Alt+Left / Alt+Right (history back/forward)',
    matches: (i) => i.alt && (key(i) === 'arrowleft' || key(i) === 'arrowright'),
  },
  {
    name: 'Browser back/forward/home keys',
    matches: (i) => ['browserback', 'browserforward', 'browserhome', 'browserrefresh'].includes(key(i)),
  },
  { name: 'F11 (leave fullscreen)', matches: (i) => key(i) === 'f11' },
  { name: 'Meta/Win key (OS menu)', matches: (i) => key(i) === 'meta' || key(i) === 'os' },
  { name: 'F1 (help)', matches: (i) => key(i) === 'f1' },
  {
    name: 'F5 / Ctrl+F5 / Ctrl+R / Ctrl+Shift+R (reload)',
    devOnly: true,
    matches: (i, mod) => key(i) === 'f5' || (mod && key(i) === 'r'),
  },
  { name: 'F12 (devtools)', devOnly: true, matches: (i) => key(i) === 'f12' },
  {
    name: 'Ctrl/Cmd+Shift+I / J / C, Cmd+Alt+I (devtools)',
    devOnly: true,
    matches: (i, mod) => mod && (i.shift || i.alt) && ['i', 'j', 'c'].includes(key(i)),
  },
];

/** 'block' for any listed shortcut; reload and devtools only in production. */
export function shortcutVerdict(input: KeyInput, options: ShortcutOptions): 'block' | 'allow' {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return 'allow';
  const mod = input.control || input.meta;
  for (const rule of blockedShortcutRules) {
    if (rule.devOnly && !options.production) continue;
    if (rule.matches(input, mod)) return 'block';
  }
  return 'allow';
}
