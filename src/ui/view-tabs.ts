// The views as a tablist (WAI-ARIA tabs, automatic activation): which tab each key moves
// to. Main thread; App.svelte draws the tabs and hands each keydown on one to tabAfterKey.
// Plain TypeScript, so the keys are a table tested under Node.
import type { View } from './page-controller';

/** The tabs in their order on the page; `testid`s are stable hooks. */
export const VIEW_TABS: readonly { readonly view: View; readonly label: string; readonly testid: string }[] = [
  { view: 'replay', label: 'Replay', testid: 'view-replay' },
  { view: 'lab', label: 'Teaching lab', testid: 'view-lab' },
  { view: 'data', label: 'Your data', testid: 'view-data' },
  { view: 'verify', label: 'Verify', testid: 'view-verify' },
];

/** Where each key moves from tab `index` of `count`: the arrows wrap round, Home and End go to the ends. */
const MOVES: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowDown: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  ArrowUp: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/** The view a key on the tab of `current` selects, or null when the key is not the tablist's. */
export function tabAfterKey(key: string, current: View): View | null {
  const move = MOVES[key];
  const index = VIEW_TABS.findIndex((tab) => tab.view === current);
  if (!move || index < 0) return null;
  return VIEW_TABS[move(index, VIEW_TABS.length)]?.view ?? null;
}
