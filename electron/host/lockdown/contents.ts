/**
 * What the kiosk window's web contents may do besides navigating and asking
 * for permissions (navigation.ts, permissions.ts): downloads, the context
 * menu, <webview> guests, dropped files and devtools. Electron main asks
 * `contentsVerdict` at each of these moments and only wires the answer.
 *
 * Printing is not here: Ctrl/Cmd+P is a blocked shortcut (shortcuts.ts), the
 * context menu (which would offer Print) is blocked below, and Electron gives
 * main no hook on a page's own window.print() (the app never calls it).
 */
export type ContentsAction =
  /** The session's 'will-download': a link or a response that would save a file. */
  | 'download'
  /** 'context-menu' (right-click, long press): copy image, inspect, print, open link… */
  | 'context-menu'
  /** 'will-attach-webview': a <webview> guest page inside the app. */
  | 'attach-webview'
  /** A file dropped on the window: Chromium would navigate to it (webPreferences.navigateOnDragDrop). */
  | 'file-drop-navigation'
  /** Devtools that opened anyway ('devtools-opened'): closed again in production. */
  | 'devtools';

export interface ContentsRule {
  readonly action: ContentsAction;
  readonly why: string;
  /** In development the developer may keep it (devtools); everything else is blocked in both. */
  readonly allowedInDevelopment: boolean;
}

/** Every rule, named so the test can list them. */
export const contentsRules: readonly ContentsRule[] = [
  { action: 'download', why: 'nothing is saved to disk outside core', allowedInDevelopment: false },
  { action: 'context-menu', why: 'no inspect, save image, print or open-link menu', allowedInDevelopment: false },
  { action: 'attach-webview', why: 'no guest pages; the kiosk shows only its own app', allowedInDevelopment: false },
  { action: 'file-drop-navigation', why: 'a dropped file must not replace the app', allowedInDevelopment: false },
  { action: 'devtools', why: 'no devtools on a device in a facility', allowedInDevelopment: true },
];

export interface ContentsOptions {
  /** In development, devtools stay available to the developer. */
  production: boolean;
}

/** 'block' or 'allow' for one of the contents actions; an unknown action is blocked. */
export function contentsVerdict(action: ContentsAction, options: ContentsOptions): 'block' | 'allow' {
  const rule = contentsRules.find((r) => r.action === action);
  if (!rule) return 'block';
  return !options.production && rule.allowedInDevelopment ? 'allow' : 'block';
}
