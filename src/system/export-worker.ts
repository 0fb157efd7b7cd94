// The export worker: formats a run export and hashes it, off the page. A run of a million bars
// makes an 80 MB export; building and hashing it on the main thread froze the page for seconds
// at the end of every such run. Module worker; run-record.ts's hashRunExport() starts one per call.

import { formatExportSource, sha256Hex, type ExportSource } from '../core/run-export';

self.onmessage = async (event: MessageEvent<ExportSource>) => {
  const csv = formatExportSource(event.data);
  self.postMessage({ sha256: await sha256Hex(csv), bytes: new TextEncoder().encode(csv).byteLength });
};
