// The account of a replay's input: every source row in the requested symbols and dates, either
// replayed (alone or inside an aggregated bar) or counted under a reason (row-rules.ts's
// NOT_REPLAYED). A wire type with its arithmetic; pure TypeScript, any thread. The data worker's
// repositories fill it, the SystemManager keeps it for the page and the run record.

import type { RefusedRows } from './import-types';
import { NOT_REPLAYED } from './row-rules';

export interface RowAccount {
  readonly rowsInRange: number;
  readonly replayed: number;
  /** Reason → rows; only reasons with rows. */
  readonly notReplayed: Readonly<Record<string, number>>;
}

/** The sum of accounts. */
export function addAccounts(...accounts: readonly RowAccount[]): RowAccount {
  const notReplayed: Record<string, number> = {};
  let rowsInRange = 0;
  let replayed = 0;
  for (const a of accounts) {
    rowsInRange += a.rowsInRange;
    replayed += a.replayed;
    for (const [reason, count] of Object.entries(a.notReplayed)) notReplayed[reason] = (notReplayed[reason] ?? 0) + count;
  }
  return { rowsInRange, replayed, notReplayed: sortedReasons(notReplayed) };
}

/** Stored rows (a day's, or the sum over days): `inSession` of the `rows` replayed, the others outside the requested hours. */
export function dayAccount(rows: number, inSession: number): RowAccount {
  return { rowsInRange: rows, replayed: inSession, notReplayed: rows > inSession ? { [NOT_REPLAYED.hours]: rows - inSession } : {} };
}

/** A file's refused rows of the requested symbols (by chunk kind) and dates, each under its reason. */
export function refusedAccount(refused: readonly RefusedRows[], wanted: ReadonlySet<string>, from: string, to: string): RowAccount {
  const notReplayed: Record<string, number> = {};
  let rows = 0;
  for (const r of refused) {
    if (r.day < from || r.day > to || !wanted.has(`${r.kind}|${r.symbol}`)) continue;
    rows += r.count;
    notReplayed[NOT_REPLAYED[r.reason]] = (notReplayed[NOT_REPLAYED[r.reason]] ?? 0) + r.count;
  }
  return { rowsInRange: rows, replayed: 0, notReplayed };
}

/** Did anything in range go unreplayed? */
export function leftOut(account: RowAccount): number {
  return account.rowsInRange - account.replayed;
}

/** "12 outside the requested hours, 3 duplicate": the page's one line. */
export function describeLeftOut(account: RowAccount): string {
  return Object.entries(account.notReplayed)
    .map(([reason, count]) => `${count.toLocaleString('en-US')} ${reason}`)
    .join(', ');
}

function sortedReasons(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
