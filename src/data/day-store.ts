// Where a repository's day chunks come from: the storage layout as a small strategy. The bundled
// file's columnar tables are read a day (one row) at a time with sql.js; an interchange file
// (read at open by the import’s reader, sqlite-import.ts) and an imported dataset (its days read from IndexedDB) are held in
// memory. Runs in the data worker; MarketDataRepository picks the layout when it opens a file.

import type { Database, SqlValue, Statement } from 'sql.js';
import type { CatalogEntry } from '../core/catalog-entry';
import { StreamType, type StreamKey } from '../core/stream-key';
import { fieldsOf } from '../core/item-columns';
import { DataError } from './data-error';
import { dayKey, type DayColumns } from './day-columns';
import type { ChunkKind } from '../core/import-types';
import type { ImportReport } from '../core/import-types';
import { readInterchange } from './sqlite-import';
import { bounded, MESSAGE_LIMIT } from '../core/row-rules';
import { decodeFloat64 } from './storage-layout';
import { storedEntries, withMarkets, type StoredDay } from './stream-catalog';

/** One stored day of one stream, whichever layout holds it. */
export interface DayStore {
  /** The day's rows; a DataError when the catalog lists the day but the store lacks it. */
  day(stream: StreamKey, day: string): DayColumns;
  close(): void;
}

const CHUNK_KINDS: Record<StreamType, ChunkKind> = { [StreamType.BAR]: 'bar', [StreamType.QUOTE]: 'quote', [StreamType.TICK]: 'tick' };

export function chunkKindOf(type: StreamType): ChunkKind {
  return CHUNK_KINDS[type];
}

function missingDay(label: string, stream: StreamKey, day: string): DataError {
  return new DataError(`${label}: the catalog lists ${CHUNK_KINDS[stream.type]} ${stream.symbol} ${stream.interval} on ${day} but it has no rows`);
}

/** Day chunks in memory, keyed by dayKey. */
export class MemoryDays implements DayStore {
  constructor(
    private readonly label: string,
    private readonly chunks: ReadonlyMap<string, DayColumns>,
  ) {}

  day(stream: StreamKey, day: string): DayColumns {
    const chunk = this.chunks.get(dayKey(CHUNK_KINDS[stream.type], stream.symbol, stream.interval, day));
    if (!chunk) throw missingDay(this.label, stream, day);
    return chunk;
  }

  close(): void {}
}

/** How a day of one kind is read from the columnar tables (storage-layout.ts): one row a day. */
interface ColumnarRead {
  readonly sql: string;
  params(kind: ChunkKind, stream: StreamKey, day: string): SqlValue[];
  decode(row: SqlValue[], fieldCount: number): DayColumns;
}

const BAR_DAYS: ColumnarRead = {
  sql: 'SELECT ts, open, high, low, close, volume FROM bar_days WHERE symbol = ? AND interval = ? AND day = ?',
  params: (_kind, stream, day) => [stream.symbol, stream.interval, day],
  decode: (row) => ({ ts: decodeFloat64(row[0] as Uint8Array), values: row.slice(1).map((v) => decodeFloat64(v as Uint8Array)) }),
};

const ITEM_DAYS: ColumnarRead = {
  sql: 'SELECT ts, fields FROM item_days WHERE type = ? AND symbol = ? AND interval = ? AND day = ?',
  params: (kind, stream, day) => [kind, stream.symbol, stream.interval, day],
  // Each value column after the other in one blob: views into it, not copies.
  decode: (row, fieldCount) => {
    const ts = decodeFloat64(row[0] as Uint8Array);
    const all = decodeFloat64(row[1] as Uint8Array);
    const rows = ts.length;
    return { ts, values: Array.from({ length: fieldCount }, (_, f) => all.subarray(f * rows, (f + 1) * rows)) };
  },
};

const COLUMNAR_READS: Record<ChunkKind, ColumnarRead> = { bar: BAR_DAYS, quote: ITEM_DAYS, tick: ITEM_DAYS };

/** The columnar tables read through sql.js, one prepared statement a table for the repository's life. */
export class ColumnarDays implements DayStore {
  private readonly statements = new Map<ColumnarRead, Statement>();

  constructor(
    private readonly db: Database,
    private readonly label: string,
  ) {}

  day(stream: StreamKey, day: string): DayColumns {
    const kind = CHUNK_KINDS[stream.type];
    const read = COLUMNAR_READS[kind];
    let statement = this.statements.get(read);
    if (!statement) this.statements.set(read, (statement = this.db.prepare(read.sql)));
    try {
      statement.bind(read.params(kind, stream, day));
      if (!statement.step()) throw missingDay(this.label, stream, day);
      return read.decode(statement.get(), fieldsOf(stream).length);
    } finally {
      statement.reset();
    }
  }

  close(): void {
    for (const statement of this.statements.values()) statement.free();
    this.db.close();
  }
}

/** What the columnar tables store, from their keys alone. */
function columnarCatalog(db: Database, tables: ReadonlySet<string>): CatalogEntry[] {
  const rows = [
    ...(db.exec("SELECT 'bar', symbol, interval, day FROM bar_days ORDER BY symbol, interval, day")[0]?.values ?? []),
    ...(tables.has('item_days') ? (db.exec('SELECT type, symbol, interval, day FROM item_days ORDER BY type, symbol, interval, day')[0]?.values ?? []) : []),
  ];
  return storedEntries(rows.map(([kind, symbol, interval, day]) => ({ kind, symbol, interval, day }) as StoredDay));
}

export interface OpenedLayout {
  /** What the file stores (not yet the coarser intervals built from it). */
  readonly stored: readonly CatalogEntry[];
  readonly days: DayStore;
  /** An interchange file's reading: its refused rows, counted when a replay covers their days. */
  readonly report?: ImportReport;
}

/** The storage layouts a SQLite file may have, the first that fits is used (storage-layout.ts). */
export const STORAGE_LAYOUTS: readonly { readonly name: string; fits(tables: ReadonlySet<string>): boolean; open(db: Database, label: string, tables: ReadonlySet<string>): OpenedLayout }[] = [
  {
    name: 'columnar',
    fits: (tables) => tables.has('bar_days'),
    open: (db, label, tables) => ({ stored: columnarCatalog(db, tables), days: new ColumnarDays(db, label) }),
  },
  {
    // Read at open by the import's own reader (sqlite-import.ts: the same rows kept and refused),
    // into memory, so the file's database is closed at once. A file none of whose rows can be
    // replayed is refused with its first problems.
    name: 'interchange',
    fits: () => true,
    open: (db, label) => {
      const { report, chunks } = readInterchange(db, label, 0, new Map());
      db.close();
      if (chunks.length === 0) {
        const first = report.firstProblems.slice(0, 3).map((p) => p.message).join('; ');
        throw new DataError(bounded(`${label}: none of its ${report.rowsRead.toLocaleString('en-US')} rows can be replayed: ${first}`, 2 * MESSAGE_LIMIT));
      }
      const map = new Map<string, DayColumns>();
      for (const c of chunks) map.set(dayKey(c.kind, c.symbol, c.interval, c.day), { ts: c.ts, values: c.values });
      // A symbol the file's markets table names carries its market, as an imported dataset's does.
      return { stored: withMarkets(storedEntries(chunks), (symbol) => report.markets?.[symbol]), days: new MemoryDays(label, map), report };
    },
  },
];
