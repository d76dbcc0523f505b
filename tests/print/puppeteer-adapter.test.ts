import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BanmianError } from '../../src/errors.js';
import { checkInternals, loadInternals, puppeteerVersion } from '../../src/print/puppeteer-adapter.js';
import { projectRoot } from '../helpers/cli.js';

const pinned = (
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies['puppeteer-core'];

describe('the Puppeteer adapter', () => {
  it('finds what it needs in the pinned puppeteer-core', async () => {
    expect(puppeteerVersion()).toBe(pinned);
    const internals = await loadInternals();
    expect(typeof internals.connectToCdpBrowser).toBe('function');
    expect(typeof internals.environment.value).toBe('object');
  });

  it('names the version and the adapter when the connector is gone', () => {
    const check = () => checkInternals({ connectToCdpBrowser: () => {} }, { environment: { value: {} } });
    expect(check).toThrow(BanmianError);
    expect(check).toThrow(
      `puppeteer-core ${pinned}: its internal _connectToCdpBrowser (internal/cdp/BrowserConnector.js) is gone; ` +
        "banmian's adapter (src/print/puppeteer-adapter.ts) must be updated",
    );
  });

  it('names the version when the environment holder is gone', () => {
    expect(() => checkInternals({ _connectToCdpBrowser: () => {} }, {})).toThrow(
      new RegExp(`^puppeteer-core ${pinned}: its internal environment .* is gone`),
    );
  });

  it('is the only module in src/ that imports Puppeteer internals', () => {
    const sources = readdirSync(path.join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    const importers = sources.filter((file) =>
      /puppeteer-core\/(internal|lib)\//.test(readFileSync(path.join(projectRoot, 'src', file), 'utf8')),
    );
    expect(importers).toEqual([path.join('print', 'puppeteer-adapter.ts')]);
  });
});
