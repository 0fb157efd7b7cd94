// Time on the charts. Main thread (CandleChart.svelte).
//
// lightweight-charts shows timestamps as UTC, so every time handed to it is shifted by its market's
// offset (New York's unless the stream's market is another): the axis then reads that market's
// wall time in any viewer's time zone. Its default tick-mark
// labels call Date.toLocaleString, which builds an Intl formatter for every label — in a fast
// replay, where each redraw brings new labels, that was 10–20 ms a redraw here. The shifted times
// are plain UTC, so the labels are a little arithmetic instead.

import { TickMarkType, type Time, type UTCTimestamp } from 'lightweight-charts';
import { EXCHANGE_TIME_ZONE, zoneOffsetMs } from '../core/exchange-time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** An epoch-ms instant as the chart's time: wall time in `zone` (New York by default), in seconds, read as UTC. */
export function chartTime(ms: number, zone = EXCHANGE_TIME_ZONE): UTCTimestamp {
  return Math.floor((ms + zoneOffsetMs(zone, ms)) / 1000) as UTCTimestamp;
}

/** A time-axis label, as the default formatter writes it in English (2013, Oct, 7, 15:00, 15:00:05). */
export function tickMarkLabel(time: Time, type: TickMarkType): string {
  const d = new Date((time as number) * 1000);
  switch (type) {
    case TickMarkType.Year:
      return String(d.getUTCFullYear());
    case TickMarkType.Month:
      return MONTHS[d.getUTCMonth()];
    case TickMarkType.DayOfMonth:
      return String(d.getUTCDate());
    case TickMarkType.Time:
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    case TickMarkType.TimeWithSeconds:
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  }
}

/**
 * Items the chart accepts: times strictly ascending. lightweight-charts throws on a repeated or
 * earlier time in setData ("Value is null"); bars of a stream never tie after the row rules, but
 * two bars in one second, or a forming bar's time, must never break the page: of equal times the
 * last item stays, and an item earlier than the one before is left out.
 */
export function ascendingTimes<T extends { readonly time: UTCTimestamp }>(items: readonly T[]): T[] {
  const out: T[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last === undefined || item.time > last.time) out.push(item);
    else if (item.time === last.time) out[out.length - 1] = item;
  }
  return out;
}
