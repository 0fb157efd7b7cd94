// Replay setup (backtest mode): the design note's start() between "initialize managers" and the
// gate opening — clear the coordinator's streams, then one startBarStreams per interval group and
// the quote and trade streams, all while STOPPED. Main thread; SystemManager.start() calls it.

import { Slot, speedToCell } from '../core/control-block';
import { checkItemsAgainstCatalog, type ItemCatalog, type ReplayConfig } from '../core/replay-config';
import { StreamType, type StreamKey } from '../core/stream-key';
import { tradingSession, type TradingSession } from '../core/trading-hours';
import { abortable } from './abortable';
import { DataManager, type LateFeed } from './data-manager';
import { coordinatorQuiet } from './late-feed';
import type { RunSetup } from './run-setup';
import { TimeProvider } from './time-provider';

/**
 * Sets up every stream of a replay; `days` are the bar days checkAgainstCatalog found. Returns
 * the items a teaching scenario holds back until after the gate has opened (late-feed.ts).
 */
export async function setUpReplay(setup: RunSetup, days: ReadonlyMap<string, readonly string[]>, items: ItemCatalog): Promise<readonly LateFeed[]> {
  const { run, config, coordinator, data, signal } = setup;
  const itemDays = checkItemsAgainstCatalog(config, items);
  const sessions = replaySessions([...days.values(), ...itemDays.values()], config);
  run.sessions = sessions;
  const itemKeys: StreamKey[] = [
    ...config.quotes.map((symbol) => ({ type: StreamType.QUOTE, symbol, interval: '1m' as const })),
    ...config.quoteTicks.map((symbol) => ({ type: StreamType.QUOTE, symbol, interval: 'tick' as const })),
    ...config.trades.map((symbol) => ({ type: StreamType.TICK, symbol, interval: 'tick' as const })),
  ];
  run.setupProgress = { done: 0, total: config.symbols.length * config.intervals.length + itemKeys.length };
  run.timeProvider = new TimeProvider(coordinator.gate.control);
  const startTime = sessions[0]?.open ?? 0;
  // Batches of this run are taken from here on: only the no-gate flaw sends any before the gate opens.
  run.taking = true;
  await run.log.time('setup', 'stop existing streams', () =>
    abortable(coordinator.clearStreams({ runId: run.id, sessions, startTime, flaws: run.experiment.flaws, stateSeq: coordinator.gate.control.load(Slot.STATE_SEQ) }), signal),
  );
  coordinator.gate.setSpeed(speedToCell(setup.speed()));
  const dataManager = new DataManager(
    coordinator,
    run.sessionData,
    run.log,
    () => {
      run.setupProgress.done++;
      setup.changed();
    },
    run.experiment,
    sessions,
    (afterGate) => coordinatorQuiet(run, coordinator, afterGate),
    () => run.taking,
  );
  // The design note's byInterval: one startBarStreams call per interval group.
  for (const interval of config.intervals) {
    await dataManager.startBarStreams(data, config.symbols, interval, config, signal);
  }
  // Then quote bars, quote updates and trade prints: the same steps, other stream types.
  await dataManager.startStreams(data, itemKeys, config, signal);
  signal.throwIfAborted();
  // Nothing lost without a word: every source row of these streams and dates, replayed or counted.
  const barKeys = config.intervals.flatMap((interval) => config.symbols.map((symbol) => ({ type: StreamType.BAR, symbol, interval })));
  run.input = await run.log.time(
    'setup',
    'count the input rows',
    () => abortable(data.account([...barKeys, ...itemKeys], config.from, config.to, config.hours), signal),
    (input) => `count the input rows: ${input.replayed} of ${input.rowsInRange} replayed`,
  );
  setup.changed();
  signal.throwIfAborted();
  run.log.mark('setup', 'all streams set up');
  return dataManager.lateFeeds;
}

/** The sessions of every day that has data for some stream in the config, sorted. */
export function replaySessions(dayLists: readonly (readonly string[])[], config: ReplayConfig): TradingSession[] {
  const days = new Set<string>();
  for (const list of dayLists) for (const day of list) days.add(day);
  return [...days]
    .sort()
    .map((day) => tradingSession(day, config.hours))
    .filter((session): session is TradingSession => session !== null);
}
