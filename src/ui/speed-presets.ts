// Speed presets and the slider's logarithmic scale. Plain TypeScript.

import type { Speed } from '../core/replay-config';

export const SPEED_PRESETS: readonly Speed[] = [1, 10, 60, 360, 1000, 'max'];

/** The next preset up (+1) or down (−1) from `speed`. */
export function stepSpeed(speed: Speed, direction: 1 | -1): Speed {
  const rank = (s: Speed) => (s === 'max' ? Infinity : s);
  if (direction > 0) return SPEED_PRESETS.find((p) => rank(p) > rank(speed)) ?? 'max';
  return [...SPEED_PRESETS].reverse().find((p) => rank(p) < rank(speed)) ?? SPEED_PRESETS[0];
}

/** Slider position 0…5 ↔ speed 1x…100000x, rounded to three significant digits. */
export function sliderToSpeed(position: number): number {
  return Number((10 ** position).toPrecision(3));
}

export function speedToSlider(speed: Speed): number {
  return speed === 'max' ? 5 : Math.min(5, Math.max(0, Math.log10(speed)));
}

export function formatSpeed(speed: Speed): string {
  return speed === 'max' ? 'max' : `${speed}x`;
}
