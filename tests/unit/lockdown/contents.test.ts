import { describe, expect, it } from 'vitest';
import { contentsRules, contentsVerdict, type ContentsAction } from '../../../electron/host/lockdown/contents';
import { isAllowedNavigation } from '../../../electron/host/lockdown/navigation';
import { kioskWindowOptions } from '../../../electron/main/window-options';

/** Every case of the contents policy, in production and in development. */
const cases: readonly [ContentsAction, { production: 'block' | 'allow'; development: 'block' | 'allow' }][] = [
  ['download', { production: 'block', development: 'block' }],
  ['context-menu', { production: 'block', development: 'block' }],
  ['attach-webview', { production: 'block', development: 'block' }],
  ['file-drop-navigation', { production: 'block', development: 'block' }],
  ['devtools', { production: 'block', development: 'allow' }],
];

describe('contents policy', () => {
  it.each(cases)('%s: %o', (action, expected) => {
    expect(contentsVerdict(action, { production: true })).toBe(expected.production);
    expect(contentsVerdict(action, { production: false })).toBe(expected.development);
  });

  it('the cases above are every rule, each with its reason', () => {
    expect(contentsRules.map((r) => r.action).sort()).toEqual(cases.map(([action]) => action).sort());
    expect(contentsRules.every((r) => r.why.length > 0)).toBe(true);
  });

  it('an action it does not know is blocked', () => {
    expect(contentsVerdict('print' as ContentsAction, { production: false })).toBe('block');
  });

  it('the window options follow it: no webview tag, no navigation on a dropped file, devtools only in development', () => {
    for (const production of [true, false]) {
      const prefs = kioskWindowOptions('/p', production).webPreferences;
      expect(prefs?.webviewTag).toBe(false);
      expect(prefs?.navigateOnDragDrop).toBe(false);
      expect(prefs?.devTools).toBe(!production);
    }
  });

  it('a dropped file that navigated anyway would still be refused by the navigation policy', () => {
    expect(isAllowedNavigation('file:///home/user/letter.pdf', 'kiosk://app')).toBe(false);
    expect(isAllowedNavigation('file:///C:/Users/x/photo.jpg', 'kiosk://app')).toBe(false);
  });
});
