// Stream identity: every queue in the coordinator is keyed by (stream type, symbol, interval).
// Pure TypeScript, used by every layer and thread. Quotes, ticks and coarser intervals slot in
// here without touching the merge: the tie-break below already orders them.

/** Stream types in tie-break order: at one emit time a BAR goes before a QUOTE before a TICK. */
export enum StreamType {
  BAR = 0,
  QUOTE = 1,
  TICK = 2,
}

export const STREAM_TYPE_NAMES: Record<StreamType, string> = {
  [StreamType.BAR]: 'bar',
  [StreamType.QUOTE]: 'quote',
  [StreamType.TICK]: 'tick',
};

/** Bar intervals the design knows about; `tick` marks tick streams (no interval). */
export const BAR_INTERVALS = ['1m', '5m', '15m', '30m', '1h', '1d'] as const;
export type BarInterval = (typeof BAR_INTERVALS)[number];
export type Interval = BarInterval | 'tick';


const MINUTE_MS = 60_000;
const INTERVAL_MS: Record<Interval, number> = {
  tick: 0,
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  // A daily bar ends at the session close, whatever its length: the emit-time rule cuts it there.
  '1d': 24 * 60 * MINUTE_MS,
};

export function intervalMs(interval: Interval): number {
  return INTERVAL_MS[interval];
}

export function isBarInterval(value: string): value is BarInterval {
  return (BAR_INTERVALS as readonly string[]).includes(value);
}

export interface StreamKey {
  readonly type: StreamType;
  readonly symbol: string;
  readonly interval: Interval;
}

export function streamKeyId(key: StreamKey): string {
  return `${STREAM_TYPE_NAMES[key.type]}:${key.symbol}:${key.interval}`;
}

/** Byte order of the upper-case symbol (not locale order), so every machine sorts alike. */
export function compareSymbols(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The tie-break between streams at one emit time (design.md, "Merge rules"): stream type,
 * then interval (finer first), then symbol. Within a stream, queue order decides.
 */
export function compareStreamKeys(a: StreamKey, b: StreamKey): number {
  return (
    a.type - b.type ||
    intervalMs(a.interval) - intervalMs(b.interval) ||
    compareSymbols(a.symbol, b.symbol)
  );
}
