import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/replay-config';
import { fetchPublic, TEST_BASE_URL } from '../testing/in-process-engine';
import { describeSetupFailure, loadReplayConfig } from './run-setup';

describe('run setup: the config and how a failure reads', () => {
  it('loads a bundled config with the URL overrides on top', async () => {
    const config = await loadReplayConfig({ configName: 'spy-aig-bac-ibm-2013-10-07', overrides: { symbols: 'IBM', speed: 'max' }, autostart: false }, TEST_BASE_URL, fetchPublic);
    expect(config.symbols).toEqual(['IBM']);
    expect(config.speed).toBe('max');
    expect(config.mode).toBe('backtest');
  });

  it('names the field of a config error at the front, once', () => {
    expect(describeSetupFailure(new ConfigError('speed', 'must be a number'))).toBe('speed: must be a number');
    expect(describeSetupFailure(new ConfigError('symbols', 'symbols: unknown symbol ZZZZ'))).toBe('symbols: unknown symbol ZZZZ');
    expect(describeSetupFailure(new Error('could not load db file'))).toBe('could not load db file');
    expect(describeSetupFailure('plain')).toBe('plain');
  });
});
