// The catalog's entry type — one stream's symbol, interval and days a data source holds — as the
// page sees it (the replay panel lists them). Types only; any thread. The data layer defines it.

export type { CatalogEntry } from '../data/market-data-repository';
