import { useCallback, useEffect, useState } from 'react';

/** Reading aloud with the platform's speech synthesis, where it has one (feature-detected, never assumed). */
export function useSpeech() {
  // `in` does not start the platform's speech engine; reading `window.speechSynthesis` does (tens of ms on
  // Linux), so it is read only once the reader asks to hear the page.
  const supported =
    typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
  const [reading, setReading] = useState(false);
  const synth = useCallback(() => (supported ? window.speechSynthesis : null), [supported]);

  const speak = useCallback(
    (text: string, lang: string | null, onDone: () => void) => {
      const engine = synth();
      if (!engine) return;
      engine.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      if (lang) utterance.lang = lang;
      utterance.onend = onDone;
      utterance.onerror = () => setReading(false);
      engine.speak(utterance);
    },
    [synth],
  );

  const stop = useCallback(() => {
    synth()?.cancel();
    setReading(false);
  }, [synth]);

  // Leaving the reader stops the voice, if it ever spoke.
  useEffect(
    () => () => {
      if (reading) synth()?.cancel();
    },
    [reading, synth],
  );

  return { supported, reading, setReading, speak, stop };
}
