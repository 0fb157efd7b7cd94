// A chart's text alternative: what a screen reader says instead of the canvas — the symbol, the
// interval, how many bars, and the latest bar in its market's time (New York's by default). Main thread; CandleChart.svelte
// sets it once per draw (never more often). Plain TypeScript, tested under Node.
import { EXCHANGE_TIME_ZONE } from '../core/exchange-time';
import { zoneClockText, zonePlace } from '../core/zone-clock';
import type { ChartBar } from './chart-model';

const price = (value: number) => value.toFixed(2);

/** "SPY 1m candlestick chart, 12 bars. Latest bar 2013-10-07 09:41 New York: open …, volume …." */
export function describeChart(symbol: string, interval: string, bars: number, latest: ChartBar | null, zone = EXCHANGE_TIME_ZONE): string {
  const head = `${symbol} ${interval} candlestick chart, ${bars.toLocaleString('en-US')} ${bars === 1 ? 'bar' : 'bars'}`;
  if (!latest) return `${head}. No bars yet.`;
  const when = zoneClockText(zone, latest.start).slice(0, 16);
  return (
    `${head}. Latest bar ${when} ${zonePlace(zone)}: open ${price(latest.open)}, high ${price(latest.high)}, ` +
    `low ${price(latest.low)}, close ${price(latest.close)}, volume ${latest.volume.toLocaleString('en-US')}.`
  );
}
