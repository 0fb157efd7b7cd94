// How bars are stored in SQLite: the interchange schema (design.md, "Stable hooks") that `db=`
// files use, and the bundled file's faster columnar layout beside it. Any thread (pure
// TypeScript): the data worker and the import worker use it, scripts/build-data.ts under Node.
//
// Why a second layout: reading rows one `step()` at a time costs ~2 µs a row in sql.js. The
// `bar_days` table stores one row per (symbol, interval, day) whose columns are Float64 arrays
// as BLOBs (little-endian), so a day of bars is one row read and six memory copies.

export const INTERCHANGE_SCHEMA = `
CREATE TABLE bars (
  symbol TEXT NOT NULL,
  ts INTEGER NOT NULL,      -- bar start, epoch ms UTC
  open REAL NOT NULL,
  high REAL NOT NULL,
  low REAL NOT NULL,
  close REAL NOT NULL,
  volume INTEGER NOT NULL,
  interval TEXT             -- '1m' … '1d'; NULL means '1m'
);`;

/** Quote and tick tables of the interchange schema (ts in epoch ms UTC; a missing quote side is NULL). */
export const INTERCHANGE_ITEM_SCHEMA = `
CREATE TABLE quote_bars (
  symbol TEXT NOT NULL, ts INTEGER NOT NULL,  -- 1-minute bid/ask bars, ts = bar start
  bid_open REAL, bid_high REAL, bid_low REAL, bid_close REAL, bid_size INTEGER,
  ask_open REAL, ask_high REAL, ask_low REAL, ask_close REAL, ask_size INTEGER
);
CREATE TABLE quote_ticks (
  symbol TEXT NOT NULL, ts INTEGER NOT NULL,  -- one exchange's quote update
  bid_price REAL, bid_size INTEGER, ask_price REAL, ask_size INTEGER, exchange TEXT
);
CREATE TABLE trade_ticks (
  symbol TEXT NOT NULL, ts INTEGER NOT NULL,  -- one trade print
  price REAL NOT NULL, size INTEGER NOT NULL, exchange TEXT
);`;

/** The interchange table of each non-bar stream kind, with its value columns in fieldsOf order. */
export const ITEM_TABLES = {
  'quote:1m': { table: 'quote_bars', columns: ['bid_open', 'bid_high', 'bid_low', 'bid_close', 'bid_size', 'ask_open', 'ask_high', 'ask_low', 'ask_close', 'ask_size'] },
  'quote:tick': { table: 'quote_ticks', columns: ['bid_price', 'bid_size', 'ask_price', 'ask_size', 'exchange'] },
  'tick:tick': { table: 'trade_ticks', columns: ['price', 'size', 'exchange'] },
} as const;

/**
 * The bundled data as the page downloads it, beside data/bars.sqlite (which keeps both layouts,
 * for the Download link and the tests' independent queries): the columnar tables alone, gzipped
 * (static hosts compress only text types; the page inflates it with DecompressionStream). The
 * bars are the same bytes as in bars.sqlite's bar_days.
 */
export const REPLAY_FILE = 'bars-replay.sqlite.gz';

export const COLUMNAR_SCHEMA = `
CREATE TABLE bar_days (
  symbol TEXT NOT NULL,
  interval TEXT NOT NULL,
  day TEXT NOT NULL,        -- New York date, YYYY-MM-DD
  rows INTEGER NOT NULL,
  ts BLOB NOT NULL,         -- Float64 little-endian, bar start, epoch ms UTC, ascending
  open BLOB NOT NULL,
  high BLOB NOT NULL,
  low BLOB NOT NULL,
  close BLOB NOT NULL,
  volume BLOB NOT NULL,
  PRIMARY KEY (symbol, interval, day)
) WITHOUT ROWID;
CREATE TABLE item_days (
  type TEXT NOT NULL,       -- 'quote' or 'tick'
  symbol TEXT NOT NULL,
  interval TEXT NOT NULL,   -- '1m' (quote bars) or 'tick'
  day TEXT NOT NULL,
  rows INTEGER NOT NULL,
  ts BLOB NOT NULL,         -- Float64, ascending (ties keep the source's order)
  fields BLOB NOT NULL,     -- Float64, each value column after the other (fieldsOf order; NaN = missing)
  PRIMARY KEY (type, symbol, interval, day)
) WITHOUT ROWID;
CREATE TABLE dataset_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`;

/** The interchange `bars` columns, in the order the columnar blobs store the values. */
export const BAR_VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

export { MIN_EPOCH_MS } from '../core/timestamp-text';

export function encodeFloat64(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

/**
 * A blob's Float64 values. sql.js hands each blob over as a fresh, aligned Uint8Array, so it is
 * viewed in place; a view that is not 8-byte aligned is copied first.
 */
export function decodeFloat64(blob: Uint8Array): Float64Array {
  if (blob.byteOffset % 8 === 0 && blob.byteLength % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8);
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float64Array(copy.buffer);
}
