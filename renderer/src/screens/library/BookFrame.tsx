import type { RefObject } from 'react';

/**
 * One chapter in a sandboxed frame. `sandbox="allow-same-origin"` without
 * `allow-scripts`: nothing in the book can ever run (the sanitizer already
 * removed it; this and the CSP are the second wall), and the reader, from this
 * page, can still lay the chapter out through the CSSOM and find places in it.
 */
export function BookFrame({
  frameRef,
  source,
  title,
  onLoad,
}: {
  frameRef: RefObject<HTMLIFrameElement | null>;
  source: string;
  title: string;
  onLoad: () => void;
}) {
  return (
    <iframe
      ref={frameRef}
      className="book-frame"
      title={title}
      sandbox="allow-same-origin"
      srcDoc={source}
      onLoad={onLoad}
      tabIndex={-1}
    />
  );
}
