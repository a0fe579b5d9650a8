import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** What the on-screen keyboard types into: the focused text field. */
export interface KeyboardTarget {
  element: HTMLInputElement | HTMLTextAreaElement;
  insert: (text: string) => void;
  backspace: () => void;
  /** Enter: a new line in a multi-line field, otherwise the field's submit action (if any). */
  enter: () => void;
  /** Which key set to show: letters for text, digits for numbers. */
  layout: 'text' | 'numeric';
}

interface KeyboardState {
  target: KeyboardTarget | null;
  attach: (target: KeyboardTarget) => void;
  detach: (element: HTMLElement) => void;
  dismiss: () => void;
}

const KeyboardContext = createContext<KeyboardState | null>(null);

export function KeyboardProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<KeyboardTarget | null>(null);
  const targetRef = useRef<KeyboardTarget | null>(null);
  useEffect(() => {
    targetRef.current = target;
  }, [target]);

  const attach = useCallback((next: KeyboardTarget) => setTarget(next), []);
  const detach = useCallback(
    (element: HTMLElement) => setTarget((current) => (current?.element === element ? null : current)),
    [],
  );
  const dismiss = useCallback(() => setTarget(null), []);

  // Focus leaving both the field and the keyboard (Tab, a tap elsewhere) hides the keyboard.
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const current = targetRef.current;
      const node = event.target;
      if (!current || !(node instanceof Node)) return;
      if (current.element === node || current.element.contains(node)) return;
      if (node instanceof Element && node.closest('[data-osk]')) return;
      setTarget(null);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  const value = useMemo(() => ({ target, attach, detach, dismiss }), [target, attach, detach, dismiss]);
  return <KeyboardContext.Provider value={value}>{children}</KeyboardContext.Provider>;
}

export function useKeyboard(): KeyboardState {
  const state = useContext(KeyboardContext);
  if (!state) throw new Error('useKeyboard outside KeyboardProvider');
  return state;
}
