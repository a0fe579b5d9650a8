import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  count: number;
  /** Row height in rem, so rows grow with the text-size setting. */
  rowRem: number;
  label: string;
  renderRow: (index: number) => ReactNode;
  /** Called with the visible range (plus overscan) so the owner can fetch those rows. */
  onRange?: (start: number, end: number) => void;
  className?: string;
}

const overscan = 6;

function remPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/**
 * A fixed-row-height virtual list: only the rows in view (plus a few) are in the
 * DOM, so 100k messages scroll as smoothly as 20. Arrow keys, Page Up/Down,
 * Home and End move focus between rows for hardware-keyboard users.
 */
export function VirtualList({ count, rowRem, label, renderRow, onRange, className }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [rowPx, setRowPx] = useState(() => rowRem * remPx());
  const focusIndex = useRef<number | null>(null);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      setHeight(element.clientHeight || 600);
      setRowPx(rowRem * remPx());
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(document.documentElement);
    return () => observer.disconnect();
  }, [rowRem]);

  const first = Math.max(0, Math.floor(scrollTop / rowPx) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowPx) + overscan);

  useEffect(() => {
    onRange?.(first, last);
  }, [first, last, onRange]);

  // After a keyboard move re-renders the window, focus the row that was asked for.
  useEffect(() => {
    if (focusIndex.current === null) return;
    const row = viewport.current?.querySelector<HTMLElement>(`[data-index="${focusIndex.current}"] button`);
    if (row) {
      row.focus({ preventScroll: true });
      focusIndex.current = null;
    }
  });

  const onScroll = () => {
    const top = viewport.current?.scrollTop ?? 0;
    // One state update per frame at most, however fast the fling.
    requestAnimationFrame(() => setScrollTop(top));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const element = viewport.current;
    const current = Number(
      (document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset.index ?? -1,
    );
    if (!element || current < 0) return;
    const page = Math.max(1, Math.floor(height / rowPx) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(count - 1, target));
    const top = index * rowPx;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowPx > element.scrollTop + height) element.scrollTop = top + rowPx - height;
    focusIndex.current = index;
    setScrollTop(element.scrollTop);
  };

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <li
        key={index}
        data-index={index}
        className="vlist__row"
        aria-setsize={count}
        aria-posinset={index + 1}
        style={{ transform: `translateY(${index * rowPx}px)`, height: rowPx }}
      >
        {renderRow(index)}
      </li>,
    );
  }

  return (
    <div
      ref={viewport}
      className={`vlist ${className ?? ''}`}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid="vlist"
    >
      <ul className="vlist__body" aria-label={label} style={{ height: count * rowPx }}>
        {rows}
      </ul>
    </div>
  );
}
