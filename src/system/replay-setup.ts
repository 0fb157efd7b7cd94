// Replay setup (backtest mode): the design note's start() between "initialize managers" and the
// gate opening — clear the coordinator's streams, then one startBarStreams per interval group and
// the quote and trade streams, all while STOPPED. Main thread; SystemManager.start() calls it.

import { Slot, speedToCell } from '../core/control-block';
import { checkItemsAgainstCatalog, type ItemCatalog } from '../core/replay-config';
import { StreamType, type StreamKey } from '../core/stream-key';
import { sessionsOfDays } from '../core/market';
import { marketIdOf, resolveMarket, type MarketSpec } from '../core/market-spec';
import { openSpans, type Hours, type TradingSession } from '../core/trading-hours';
import { abortable } from './abortable';
import { DataManager, type LateFeed } from './data-manager';
import { coordinatorQuiet } from './late-feed';
import type { RunSetup } from './run-setup';
import { marketsOfRun, zonesBySymbol } from './run-markets';
import { TimeProvider } from './time-provider';

/**
 * Sets up every stream of a replay; `days` are the bar days checkAgainstCatalog found. Returns
 * the items a teaching scenario holds back until after the gate has opened (late-feed.ts).
 */
export async function setUpReplay(
  setup: RunSetup,
  days: ReadonlyMap<string, readonly string[]>,
  items: ItemCatalog,
  markets: ReadonlyMap<string, MarketSpec> = new Map(),
): Promise<readonly LateFeed[]> {
  const { run, config, coordinator, data, signal } = setup;
  const itemDays = checkItemsAgainstCatalog(config, items);
  // Each symbol's bars end and align by its own market's sessions; pacing counts the time any market is open.
  const bySymbol = new Map<string, string[]>();
  for (const [key, list] of [...days, ...itemDays]) {
    const symbol = key.includes('|') ? key.slice(key.indexOf('|') + 1) : key;
    bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), ...list]);
  }
  const symbolSessions = sessionsBySymbol(bySymbol, markets, config.hours);
  const sessions = openSpans([...symbolSessions.values()].flat());
  run.sessions = sessions;
  run.byMarket = marketsOfRun([...config.symbols, ...bySymbol.keys()], markets, symbolSessions);
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
    symbolSessions,
    zonesBySymbol(run.byMarket),
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

/**
 * Per symbol, the sessions of its market on the days it has data (sorted). Symbols of one
 * market share one list, so a replay of many US symbols computes the US sessions once.
 */
export function sessionsBySymbol(days: ReadonlyMap<string, readonly string[]>, markets: ReadonlyMap<string, MarketSpec>, hours: Hours): Map<string, readonly TradingSession[]> {
  const daysByMarket = new Map<string, { spec: MarketSpec | undefined; days: Set<string>; symbols: string[] }>();
  for (const [symbol, list] of days) {
    const spec = markets.get(symbol);
    const id = marketIdOf(spec);
    let group = daysByMarket.get(id);
    if (!group) daysByMarket.set(id, (group = { spec, days: new Set(), symbols: [] }));
    for (const day of list) group.days.add(day);
    group.symbols.push(symbol);
  }
  const result = new Map<string, readonly TradingSession[]>();
  for (const { spec, days: marketDays, symbols } of daysByMarket.values()) {
    const sessions = sessionsOfDays(resolveMarket(spec), marketDays, hours);
    for (const symbol of symbols) result.set(symbol, sessions);
  }
  return result;
}
