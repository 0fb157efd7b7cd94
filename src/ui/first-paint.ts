// The page's first paint, and what waits for it (main thread; main.ts calls it before anything
// else). index.html draws the page's frame; the app's chunk, its workers, the sql.js wasm and the
// data are hinted in an inert <template> and fetched only once that frame is on screen, so that
// on a slow link the frame's few bytes are not queued behind a megabyte (see the README's
// "Lighthouse: the first visit on a phone").

import { DEFERRED_HINTS_ID } from '../core/deferred-hints';

/** A page that never paints (a hidden tab) still starts: a fallback, not the usual path. */
const NO_PAINT_MS = 1000;

export interface PaintWatch {
  /** Whether a first contentful paint has been recorded already. */
  painted(): boolean;
  /** Calls back once, at the first contentful paint; returns a function that stops watching. */
  onPaint(callback: () => void): () => void;
  hidden(): boolean;
  later(callback: () => void, ms: number): void;
}

/** Resolves once the page's first contentful paint is recorded (or at once in a hidden tab). */
export function afterFirstPaint(watch: PaintWatch = browserPaintWatch()): Promise<void> {
  return new Promise((resolve) => {
    if (watch.painted() || watch.hidden()) return resolve();
    const stop = watch.onPaint(() => {
      stop();
      resolve();
    });
    watch.later(() => {
      stop();
      resolve();
    }, NO_PAINT_MS);
  });
}

function browserPaintWatch(): PaintWatch {
  const FCP = 'first-contentful-paint';
  return {
    painted: () => performance.getEntriesByName(FCP).length > 0,
    onPaint(callback) {
      const observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName(FCP).length > 0) callback();
      });
      observer.observe({ type: 'paint', buffered: true });
      return () => observer.disconnect();
    },
    hidden: () => document.visibilityState === 'hidden',
    later: (callback, ms) => void setTimeout(callback, ms),
  };
}

/** Moves the deferred hints into <head>, where they start their downloads (once; later calls do nothing). */
export function releaseDeferredHints(doc: Document = document): void {
  const template = doc.getElementById(DEFERRED_HINTS_ID);
  if (!(template instanceof HTMLTemplateElement)) return;
  template.remove();
  doc.head.append(template.content);
}
