import { useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboard, type KeyboardTarget } from './keyboard-context';

const letterRows = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'ñ'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '-'],
  ['á', 'é', 'í', 'ó', 'ú', 'ü', '¿', '?', '¡', '!'],
];
const digitRows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['0']];

// Keys must not take focus from the field, or the caret (and the keyboard) would go away.
const keepFocus = (event: PointerEvent) => event.preventDefault();

/**
 * The on-screen keyboard every text field uses: QWERTY with the Spanish letters
 * and marks (ñ á é í ó ú ü ¿ ¡) on their own keys, so no one needs a long-press.
 * It types into whichever field has focus; a hardware keyboard works alongside.
 */
export function OnScreenKeyboard() {
  const { target, dismiss } = useKeyboard();
  if (!target) return null;
  return <KeyboardPanel target={target} onDone={dismiss} />;
}

function KeyboardPanel({ target, onDone }: { target: KeyboardTarget; onDone: () => void }) {
  const { t } = useTranslation();
  const [shift, setShift] = useState(false);
  const rows = target.layout === 'numeric' ? digitRows : letterRows;
  const type = (key: string) => {
    target.insert(shift ? key.toLocaleUpperCase() : key);
    setShift(false);
  };
  return (
    <div className={`osk osk--${target.layout}`} data-osk role="group" aria-label={t('keyboard.label')}>
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
      <div className="osk__row">
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
        <button type="button" tabIndex={-1} className="osk__key osk__key--wide osk__key--done" onClick={onDone}>
          {t('keyboard.done')}
        </button>
      </div>
    </div>
  );
}
