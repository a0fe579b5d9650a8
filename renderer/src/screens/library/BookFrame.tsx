import { useCallback, useEffect, useRef } from 'react';

const gap = 48;

function scrollToPage(iframe: HTMLIFrameElement | null, page: number): void {
  const scroller = iframe?.contentDocument?.scrollingElement;
  if (iframe && scroller) scroller.scrollLeft = page * iframe.clientWidth;
}

/**
 * One chapter in a sandboxed frame. `sandbox="allow-same-origin"` without
 * `allow-scripts`: no script in the book can ever run, and this page can still
 * lay the chapter out in pages (CSS columns set through the CSSOM, which our
 * CSP allows) and scroll from page to page.
 */
export function BookFrame({
  html,
  title,
  fontScale,
  page,
  onPages,
}: {
  html: string;
  title: string;
  fontScale: number;
  page: number;
  onPages: (pages: number) => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);

  const layout = useCallback(() => {
    const iframe = frame.current;
    const doc = iframe?.contentDocument;
    if (!iframe || !doc?.body) return;
    const width = iframe.clientWidth;
    const height = iframe.clientHeight;
    const html = doc.documentElement.style;
    html.height = `${height}px`;
    html.overflow = 'hidden';
    html.background = 'transparent';
    const body = doc.body.style;
    body.margin = '0';
    body.padding = `24px ${gap / 2}px`;
    body.boxSizing = 'border-box';
    body.height = `${height}px`;
    body.columnWidth = `${width - gap}px`;
    body.columnGap = `${gap}px`;
    body.columnFill = 'auto';
    body.fontFamily = 'Georgia, "Noto Serif", serif';
    body.fontSize = `${Math.round(20 * fontScale)}px`;
    body.lineHeight = '1.6';
    body.color = getComputedStyle(iframe).color;
    doc.querySelectorAll('img').forEach((img) => {
      img.style.maxWidth = '100%';
      img.style.maxHeight = `${height - 60}px`;
    });
    onPages(Math.max(1, Math.round(doc.body.scrollWidth / width)));
  }, [fontScale, onPages]);

  useEffect(() => {
    layout();
    const observer = new ResizeObserver(layout);
    if (frame.current) observer.observe(frame.current);
    return () => observer.disconnect();
  }, [layout, html]);

  useEffect(() => {
    scrollToPage(frame.current, page);
  });

  return (
    <iframe
      ref={frame}
      className="book-frame"
      title={title}
      sandbox="allow-same-origin"
      srcDoc={`<!doctype html><html><head><meta charset="utf-8"><title>${title.replace(/[<&"]/g, '')}</title></head><body>${html}</body></html>`}
      onLoad={layout}
      tabIndex={-1}
    />
  );
}
