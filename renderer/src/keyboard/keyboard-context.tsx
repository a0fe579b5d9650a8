import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** What the on-screen keyboard types into: the focused text field. */
export interface KeyboardTarget {
  element: HTMLInputElement | HTMLTextAreaElement;
  insert: (text: string) => void;
  backspace: () => void;
  /** Enter: a new line in a multi-line field, otherwise the field's submit action (if any). */
  enter: () => void;
  /** Which key set to show: letters for text, digits for numbers, letters and digits for codes. */
  layout: 'text' | 'numeric' | 'code';
}

interface KeyboardState {
  target: KeyboardTarget | null;
  attach: (target: KeyboardTarget) => void;
  detach: (element: HTMLElement) => void;
  dismiss: () => void;
}

const KeyboardContext = createContext<KeyboardState | null>(null);

/**
 * Keeps the one keyboard target, like a system keyboard: it opens for the focused field, and it goes
 * away when focus moves elsewhere, but only once the tap that moved it is over. Hiding it when the
 * press moves focus (mousedown, for a finger too) would move the page under the finger, and the tap would miss the button it
 * started on (the first tap on Send only hid the keyboard).
 */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const [target, setTargetState] = useState<KeyboardTarget | null>(null);
  // Read by the document listeners in the same event as a change, before React renders it.
  const targetRef = useRef<KeyboardTarget | null>(null);
  const pressing = useRef(false);
  const hideAfterTap = useRef(false);
  const setTarget = useCallback((next: KeyboardTarget | null) => {
    targetRef.current = next;
    setTargetState(next);
  }, []);

  const hide = useCallback(() => {
    if (pressing.current) hideAfterTap.current = true;
    else setTarget(null);
  }, [setTarget]);
  const attach = useCallback(
    (next: KeyboardTarget) => {
      hideAfterTap.current = false;
      setTarget(next);
    },
    [setTarget],
  );
  const detach = useCallback(
    (element: HTMLElement) => {
      if (targetRef.current?.element === element) hide();
    },
    [hide],
  );
  const dismiss = useCallback(() => setTarget(null), [setTarget]);

  useEffect(() => {
    // Focus moves on mousedown, which a touch tap also fires, after pointerup, just before its click.
    const onMouseDown = () => {
      pressing.current = true;
    };
    // The click comes right after mouseup in the same input task; a task later it has been handled.
    const onMouseUp = () => {
      window.setTimeout(() => {
        pressing.current = false;
        if (!hideAfterTap.current) return;
        hideAfterTap.current = false;
        setTarget(null);
      });
    };
    // Focus leaving both the field and the keyboard (Tab, a tap on a button) hides the keyboard.
    const onFocusIn = (event: FocusEvent) => {
      const current = targetRef.current;
      const node = event.target;
      if (!current || !(node instanceof Node)) return;
      if (current.element === node || current.element.contains(node)) return;
      if (node instanceof Element && node.closest('[data-osk]')) return;
      hide();
    };
    document.addEventListener('mousedown', onMouseDown, true);
    document.addEventListener('mouseup', onMouseUp, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('mousedown', onMouseDown, true);
      document.removeEventListener('mouseup', onMouseUp, true);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [hide, setTarget]);

  // A screen change can remove the field without any focus event; the keyboard must not outlive it.
  useEffect(() => {
    if (!target) return;
    const observer = new MutationObserver(() => {
      if (!target.element.isConnected) setTarget(null);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [target, setTarget]);

  const value = useMemo(() => ({ target, attach, detach, dismiss }), [target, attach, detach, dismiss]);
  return <KeyboardContext.Provider value={value}>{children}</KeyboardContext.Provider>;
}

export function useKeyboard(): KeyboardState {
  const state = useContext(KeyboardContext);
  if (!state) throw new Error('useKeyboard outside KeyboardProvider');
  return state;
}
