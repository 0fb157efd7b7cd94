// The trades export (`export-trades`): the paper fills as CSV, formatted like the run export
// (UTF-8, LF, epoch ms UTC on the backtest clock, numbers as `String(x)`). Pure TypeScript; the
// page's PaperDesk writes it and the run record hashes it.

import { csvField } from './run-export';
import type { PaperFill } from './paper-broker';

export const TRADES_EXPORT_HEADER = 'seq,order_id,symbol,side,qty,order_type,ts_order,ts_fill,price,commission';

/** `fills` in the order given (PaperBroker.trades(): time order), `seq` from 1. */
export function formatTradesExport(fills: readonly PaperFill[]): string {
  const lines = [TRADES_EXPORT_HEADER];
  fills.forEach((f, i) => {
    lines.push([String(i + 1), String(f.orderId), csvField(f.symbol), f.side, String(f.qty), f.type, String(f.tsOrder), String(f.tsFill), String(f.price), String(f.commission)].join(','));
  });
  return lines.join('\n') + '\n';
}
