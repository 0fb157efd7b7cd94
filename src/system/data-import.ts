// Importing a person's own data, as the page sees it: the import worker's client, the options a
// file is read with, the limits, and the report a check produces. Main thread; the Data view
// calls it, so the UI reaches the import worker through the system layer only.

export { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../data/csv-import';
export { ImportClient } from './import-client';
export { existingData, IMPORT_LIMITS, megabytes, type ExistingData, type ImportReport } from '../data/import-validator';
export { STRESS_LIMITS } from '../data/synthetic-bars';
