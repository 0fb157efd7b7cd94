// Live setup (the design note's non-backtest mode): one trade stream per symbol, fed after the
// gate opens by a simulated feed on the wall clock from each symbol's last recorded close,
// through the same coordinator — with no gate and no pacing. Main thread; SystemManager.start().

import { Slot } from '../core/control-block';
import { NO_FLAWS } from '../core/flaws';
import { BAR_FIELDS } from '../core/item-columns';
import { StreamType, type StreamKey } from '../core/stream-key';
import { abortable } from './abortable';
import { LiveFeed, type LiveStream } from './live-feed';
import type { RunSetup } from './run-setup';
import { TimeProvider } from './time-provider';

/** The simulated live feed's seed: the same prices every live run. */
const LIVE_SEED = 20131007;
const CLOSE = BAR_FIELDS.indexOf('close');

/** Registers a live trade stream per symbol while STOPPED; returns what the feed starts from. */
export async function setUpLive(setup: RunSetup, days: ReadonlyMap<string, readonly string[]>): Promise<readonly LiveStream[]> {
  const { run, config, coordinator, data, signal } = setup;
  run.timeProvider = new TimeProvider(coordinator.gate.control, 'live');
  run.taking = true;
  run.setupProgress = { done: 0, total: config.symbols.length };
  await run.log.time('setup', 'stop existing streams', () =>
    abortable(
      coordinator.clearStreams({ runId: run.id, sessions: [], startTime: Date.now(), flaws: NO_FLAWS, mode: 'live', stateSeq: coordinator.gate.control.load(Slot.STATE_SEQ) }),
      signal,
    ),
  );
  const streams: LiveStream[] = [];
  for (const symbol of config.symbols) {
    const key: StreamKey = { type: StreamType.TICK, symbol, interval: 'tick' };
    const index = run.sessionData.registerStream(key);
    run.log.mark('setup', `register ${symbol} live trades with SessionData`);
    const slot = await run.log.time('setup', `register ${symbol} live trades with the coordinator`, () => abortable(coordinator.registerStream(key), signal));
    const day = days.get(symbol)?.[0];
    const bars = day ? await abortable(data.getBarsBySymbol(symbol, '1m', day, day, 'extended'), signal) : null;
    const lastPrice = bars && bars.tsStart.length > 0 ? bars.fields[CLOSE][bars.tsStart.length - 1] : 100;
    run.log.mark('setup', `${symbol} starts from its last recorded close, ${lastPrice} (${day})`);
    streams.push({ slot, symbol, lastPrice });
    run.sessionData.streams[index].expected = 0;
    run.setupProgress.done++;
  }
  signal.throwIfAborted();
  return streams;
}

/** After the gate has opened: the feed runs until the run ends (ReplayRun.end stops it). */
export function startLiveFeed(setup: RunSetup, streams: readonly LiveStream[]): void {
  const { run, coordinator } = setup;
  run.liveFeed = new LiveFeed(streams, LIVE_SEED, (slot, columns) => {
    if (!run.taking) return;
    run.sessionData.streams[slot].expected += columns.tsStart.length; // fed so far
    coordinator.feedStream(slot, columns, false).catch((error: Error) => (run.error = error.message));
  });
  run.liveFeed.start();
}
