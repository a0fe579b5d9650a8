import { useCallback, useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { truncateCharacters } from '../../../shared/domain/text-length';
import { deleteBefore, insertAt, type EditResult } from './edit';
import { useKeyboard } from './keyboard-context';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  /** At most this many characters as a person counts them (shared/domain/text-length), not UTF-16 units. */
  maxLength?: number;
  /**
   * 'numeric' shows the digit keypad; 'password' also hides what is typed; 'secret' hides letters and digits;
   * 'code' shows capital letters, digits and a dash (staff-issued codes such as ABCD-EFGH).
   */
  kind?: 'text' | 'numeric' | 'password' | 'secret' | 'search' | 'code';
  onSubmit?: () => void;
  hint?: string;
  error?: string | null;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A labelled text field wired to the on-screen keyboard. `inputMode="none"`
 * keeps a tablet's own keyboard away (ours has the Spanish keys); a hardware
 * keyboard still types directly.
 */
export function TextField({
  label,
  value,
  onChange,
  multiline = false,
  maxLength,
  kind = 'text',
  onSubmit,
  hint,
  error,
  autoFocus,
  className,
}: Props) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { attach, detach } = useKeyboard();

  // The keyboard keeps the target it got on focus; its keys must act with this render's props, not that one's.
  const latest = useRef({ onChange, onSubmit, maxLength, multiline, kind });
  useLayoutEffect(() => {
    latest.current = { onChange, onSubmit, maxLength, multiline, kind };
  });

  const openKeyboard = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const apply = (edit: (v: string, start: number, end: number) => EditResult) => {
      const start = element.selectionStart ?? element.value.length;
      const end = element.selectionEnd ?? element.value.length;
      const next = edit(element.value, start, end);
      latest.current.onChange(next.value);
      // Put the caret back after React writes the new value.
      requestAnimationFrame(() => element.setSelectionRange(next.caret, next.caret));
    };
    const { kind: fieldKind } = latest.current;
    attach({
      element,
      layout: fieldKind === 'numeric' || fieldKind === 'password' ? 'numeric' : fieldKind === 'code' ? 'code' : 'text',
      insert: (text) => apply((v, s, e) => insertAt(v, s, e, text, latest.current.maxLength)),
      backspace: () => apply(deleteBefore),
      enter: () =>
        latest.current.multiline
          ? apply((v, s, e) => insertAt(v, s, e, '\n', latest.current.maxLength))
          : latest.current.onSubmit?.(),
    });
  }, [attach]);

  // React focuses an autoFocus field while mounting without running onFocus: open the keyboard for it here.
  useEffect(() => {
    if (ref.current && ref.current === document.activeElement) openKeyboard();
  }, [openKeyboard]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (!multiline && event.key === 'Enter' && onSubmit) {
      event.preventDefault();
      onSubmit();
    }
  };

  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    // No native maxLength: it counts UTF-16 units, so an emoji would use two of the limit. The limit is kept here.
    autoFocus,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    inputMode: 'none' as const,
    autoComplete: 'off',
    spellCheck: false,
    // On focus, and on every tap: a field that already has focus (the keyboard was hidden) opens it again.
    onFocus: openKeyboard,
    onClick: openKeyboard,
    onBlur: () => {
      const element = ref.current;
      // Keep the keyboard while its own keys are being pressed; the provider hides it otherwise.
      if (element && !document.activeElement?.closest('[data-osk]')) detach(element);
    },
    onKeyDown,
    onChange: (event: { target: { value: string } }) =>
      onChange(maxLength === undefined ? event.target.value : truncateCharacters(event.target.value, maxLength)),
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {multiline ? (
        <textarea ref={ref} className="field__input field__input--multi" rows={6} {...common} />
      ) : (
        <input
          ref={ref}
          className="field__input"
          type={kind === 'password' || kind === 'secret' ? 'password' : kind === 'search' ? 'search' : 'text'}
          {...common}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
