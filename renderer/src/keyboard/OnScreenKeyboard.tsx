import { useLayoutEffect, useState, type PointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useKeyboard, type KeyboardTarget } from './keyboard-context';
import { primaryActionOf, revealFieldAndAction } from './reveal';
import { keyboardSlotAttribute } from './slot';
import './keyboard.css';

const letterRows = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'ñ'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '-'],
  ['á', 'é', 'í', 'ó', 'ú', 'ü', '¿', '?', '¡', '!'],
];
const codeRows = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
  ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', '-'],
  ['Z', 'X', 'C', 'V', 'B', 'N', 'M'],
];
const digitRows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['0']];
const rowsFor = { text: letterRows, code: codeRows, numeric: digitRows } as const;

// Keys must not take focus from the field, or the caret (and the keyboard) would go away.
const keepFocus = (event: PointerEvent) => event.preventDefault();

/**
 * The on-screen keyboard every text field uses: QWERTY with the Spanish letters
 * and marks (ñ á é í ó ú ü ¿ ¡) on their own keys, so no one needs a long-press.
 * It types into whichever field has focus; a hardware keyboard works alongside.
 */
export function OnScreenKeyboard() {
  const { target, dismiss } = useKeyboard();
  const slot = typeof document === 'undefined' ? null : document.querySelector(`[${keyboardSlotAttribute}]`);
  useLayoutEffect(() => {
    document.documentElement.toggleAttribute('data-keyboard-open', target !== null);
    if (!target) return;
    const reveal = () => {
      const scroller = target.element.closest<HTMLElement>('.frame__main');
      if (scroller) revealFieldAndAction(scroller, target.element, primaryActionOf(target.element));
    };
    reveal();
    window.addEventListener('resize', reveal);
    return () => {
      window.removeEventListener('resize', reveal);
      document.documentElement.removeAttribute('data-keyboard-open');
    };
  }, [target]);
  if (!target) return null;
  const panel = <KeyboardPanel target={target} onDone={dismiss} />;
  return slot ? createPortal(panel, slot) : panel;
}

function KeyboardPanel({ target, onDone }: { target: KeyboardTarget; onDone: () => void }) {
  const { t } = useTranslation();
  const [shift, setShift] = useState(false);
  const rows = rowsFor[target.layout];
  const type = (key: string) => {
    target.insert(shift ? key.toLocaleUpperCase() : key);
    setShift(false);
  };
  // A labelled region (a landmark): the keyboard sits outside <main>, and all content belongs to a landmark.
  return (
    <div className={`osk osk--${target.layout}`} data-osk role="region" aria-label={t('keyboard.label')}>
      {rows.map((row) => (
        <div className="osk__row" key={row.join('')}>
          {row.map((key) => (
            <button
              key={key}
              type="button"
              tabIndex={-1}
              className="osk__key"
              onPointerDown={keepFocus}
              onClick={() => type(key)}
            >
              {shift ? key.toLocaleUpperCase() : key}
            </button>
          ))}
        </div>
      ))}
      <div className="osk__row osk__row--actions">
        {target.layout === 'text' && (
          <button
            type="button"
            tabIndex={-1}
            className="osk__key osk__key--wide"
            aria-pressed={shift}
            onPointerDown={keepFocus}
            onClick={() => setShift((s) => !s)}
          >
            {t('keyboard.shift')}
          </button>
        )}
        {target.layout === 'text' && (
          <button
            type="button"
            tabIndex={-1}
            className="osk__key osk__key--space"
            onPointerDown={keepFocus}
            onClick={() => target.insert(' ')}
          >
            {t('keyboard.space')}
          </button>
        )}
        <button
          type="button"
          tabIndex={-1}
          className="osk__key osk__key--wide"
          onPointerDown={keepFocus}
          onClick={() => target.backspace()}
        >
          {t('keyboard.backspace')}
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="osk__key osk__key--wide"
          onPointerDown={keepFocus}
          onClick={() => target.enter()}
        >
          {t('keyboard.enter')}
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="osk__key osk__key--wide osk__key--done"
          onPointerDown={keepFocus}
          onClick={onDone}
        >
          {t('keyboard.done')}
        </button>
      </div>
    </div>
  );
}
