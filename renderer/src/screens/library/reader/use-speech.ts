import { useCallback, useEffect, useState } from 'react';

/** Reading aloud with the platform's speech synthesis, where it has one (feature-detected, never assumed). */
export function useSpeech() {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  const supported = synth !== null && typeof SpeechSynthesisUtterance === 'function';
  const [reading, setReading] = useState(false);

  const speak = useCallback(
    (text: string, lang: string | null, onDone: () => void) => {
      if (!synth) return;
      synth.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      if (lang) utterance.lang = lang;
      utterance.onend = onDone;
      utterance.onerror = () => setReading(false);
      synth.speak(utterance);
    },
    [synth],
  );

  const stop = useCallback(() => {
    synth?.cancel();
    setReading(false);
  }, [synth]);

  useEffect(() => () => synth?.cancel(), [synth]);

  return { supported, reading, setReading, speak, stop };
}
