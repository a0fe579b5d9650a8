import type { PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const keepFocus = (event: PointerEvent) => event.preventDefault();

/**
 * The large number pad for DOC numbers and PINs: 3×4 keys, each at least 80 px,
 * with Clear and Delete spelled out rather than drawn as symbols.
 */
export function Keypad({
  onDigit,
  onBackspace,
  onClear,
  label,
}: {
  onDigit: (digit: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={label}>
      {digits.map((digit) => (
        <button
          key={digit}
          type="button"
          className="keypad__key"
          onPointerDown={keepFocus}
          onClick={() => onDigit(digit)}
        >
          {digit}
        </button>
      ))}
      <button type="button" className="keypad__key keypad__key--word" onPointerDown={keepFocus} onClick={onClear}>
        {t('keypad.clear')}
      </button>
      <button type="button" className="keypad__key" onPointerDown={keepFocus} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="keypad__key keypad__key--word" onPointerDown={keepFocus} onClick={onBackspace}>
        {t('keypad.delete')}
      </button>
    </div>
  );
}
