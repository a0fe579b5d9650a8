import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Photo } from '../../api/ports';

const maxZoom = 4;

/**
 * Full-screen photos: swipe or Previous/Next to move, pinch or +/− to zoom,
 * drag to pan when zoomed. Every gesture has a button, for one-handed or
 * keyboard use (arrows, +, −, Escape).
 */
export function PhotoViewer({ photos, start, onClose }: { photos: Photo[]; start: number; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [index, setIndex] = useState(start);
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{
    startX: number;
    startDistance: number;
    startZoom: number;
    lastX: number;
    lastY: number;
  } | null>(null);
  const photo = photos[index];

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const go = (delta: number) => {
    setIndex((i) => Math.max(0, Math.min(photos.length - 1, i + delta)));
    setZoom(1);
    setPan({ x: 0, y: 0 });
  };
  const zoomBy = (factor: number) => {
    setZoom((z) => {
      const next = Math.max(1, Math.min(maxZoom, z * factor));
      if (next === 1) setPan({ x: 0, y: 0 });
      return next;
    });
  };

  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const onPointerDown = (event: PointerEvent) => {
    (event.target as Element).setPointerCapture?.(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    gesture.current = {
      startX: event.clientX,
      startDistance: distance(),
      startZoom: zoom,
      lastX: event.clientX,
      lastY: event.clientY,
    };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!pointers.current.has(event.pointerId) || !gesture.current) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const g = gesture.current;
    if (pointers.current.size === 2 && g.startDistance > 0) {
      setZoom(Math.max(1, Math.min(maxZoom, (g.startZoom * distance()) / g.startDistance)));
    } else if (zoom > 1) {
      setPan((p) => ({ x: p.x + event.clientX - g.lastX, y: p.y + event.clientY - g.lastY }));
    }
    g.lastX = event.clientX;
    g.lastY = event.clientY;
  };
  const onPointerUp = (event: PointerEvent) => {
    const g = gesture.current;
    pointers.current.delete(event.pointerId);
    if (g && pointers.current.size === 0 && zoom === 1) {
      const dx = event.clientX - g.startX;
      if (Math.abs(dx) > 60) go(dx < 0 ? 1 : -1); // a swipe, not a tap
    }
    if (pointers.current.size === 0) gesture.current = null;
  };

  return (
    <dialog
      ref={dialog}
      className="photo-viewer"
      aria-label={t('photos.viewer')}
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') go(1);
        else if (event.key === 'ArrowLeft') go(-1);
        else if (event.key === '+' || event.key === '=') zoomBy(1.5);
        else if (event.key === '-') zoomBy(1 / 1.5);
      }}
    >
      <div
        className="photo-viewer__stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {photo && (
          <img
            src={photo.url}
            alt={photo.alt || t('photos.photoN', { n: index + 1, total: photos.length })}
            draggable={false}
            style={{ transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})` }}
          />
        )}
      </div>
      <div className="photo-viewer__bar">
        <button type="button" className="button" onClick={() => go(-1)} disabled={index === 0}>
          {t('photos.previous')}
        </button>
        <p aria-live="polite">{t('photos.photoN', { n: index + 1, total: photos.length })}</p>
        <button type="button" className="button" onClick={() => go(1)} disabled={index >= photos.length - 1}>
          {t('photos.next')}
        </button>
        <button type="button" className="button" onClick={() => zoomBy(1 / 1.5)} disabled={zoom <= 1}>
          {t('photos.zoomOut')}
        </button>
        <button type="button" className="button" onClick={() => zoomBy(1.5)} disabled={zoom >= maxZoom}>
          {t('photos.zoomIn')}
        </button>
        <button type="button" className="button button--primary" onClick={() => dialog.current?.close()} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
