// The trades export (`export-trades`): the paper fills as CSV, formatted like the run export
// (UTF-8, LF, epoch ms UTC on the backtest clock, numbers as `String(x)`). Pure TypeScript; the
// page's PaperDesk writes it and the run record hashes it.

import { csvField, sha256Hex } from './run-export';
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

/** What the run record gains from paper trading (additions only): the fills and the export's hash. */
export interface TradesRecord {
  readonly file: string;
  readonly rows: number;
  /** SHA-256 of the `export-trades` file, as `sha256sum` prints it. */
  readonly sha256: string;
  readonly fills: readonly { readonly seq: number; readonly orderId: number; readonly symbol: string; readonly side: string; readonly qty: number; readonly orderType: string; readonly tsOrder: number; readonly tsFill: number; readonly price: number; readonly commission: number }[];
}

/** The run record's trades: the fills as rows and the hash of their export. */
export async function tradesRecord(fills: readonly PaperFill[], file: string): Promise<TradesRecord> {
  return {
    file,
    rows: fills.length,
    sha256: await sha256Hex(formatTradesExport(fills)),
    fills: fills.map((f, i) => ({ seq: i + 1, orderId: f.orderId, symbol: f.symbol, side: f.side, qty: f.qty, orderType: f.type, tsOrder: f.tsOrder, tsFill: f.tsFill, price: f.price, commission: f.commission })),
  };
}
