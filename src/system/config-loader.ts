// Reads a bundled replay config (public/data/configs/NAME.json) on the main thread: the one
// place that knows its URL and how a missing file looks. SystemManager.start() and the page's
// replay panel both call it, so a config the panel shows is the config a start replays.

import { ConfigError, parseConfigText, type ReplayConfigInput } from '../core/replay-config';

/** Resolves against the page's base URL, so a deploy under a sub-path finds its configs. */
export function bundledConfigUrl(name: string, baseUrl: string): string {
  return new URL(`data/configs/${name}.json`, baseUrl).href;
}

/** The fields of bundled config `name`; a ConfigError on field `config` when it cannot be read. */
export async function loadBundledConfig(
  name: string,
  baseUrl: string,
  fetchText: (url: string) => Promise<Response>,
): Promise<ReplayConfigInput> {
  const response = await fetchText(bundledConfigUrl(name, baseUrl)).catch(() => null);
  // Some servers answer a missing file with their index page: that is "not found" too.
  if (!response || !response.ok || response.headers.get('content-type')?.includes('text/html')) {
    throw new ConfigError('config', `there is no bundled config "${name}" (data/configs/${name}.json could not be loaded)`);
  }
  return parseConfigText(await response.text(), `config "${name}"`);
}

/** The names of the bundled configs (data/configs/index.json); none when it cannot be read. */
export async function listBundledConfigs(baseUrl: string, fetchText: (url: string) => Promise<Response>): Promise<string[]> {
  return fetchText(new URL('data/configs/index.json', baseUrl).href)
    .then((response) => response.json() as Promise<string[]>)
    .catch(() => []);
}
