import { readFileSync } from 'node:fs';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../src/document/template.js';
import { PAGEDJS_VERSION_ATTRIBUTE } from '../src/layout/browser/contract.js';
import { missingInternals, pagedVersion, requirePagedInternals } from '../src/layout/browser/paged-adapter.js';
import { defaultStyles, defaultTemplate, packageFile } from '../src/paths.js';

/*
 * Paged.js's internals are reached through one adapter, which checks they are there: an upgrade that
 * drops one fails with the version's name and the missing part, not "could not start the browser".
 */
const installed = JSON.parse(readFileSync(packageFile('pagedjs', 'package.json'), 'utf8')).version as string;
const paged = { Previewer: class {}, Handler: class {}, registerHandlers: () => {} };
const previewer = { chunker: { q: { tick: () => {} } }, on: () => {} };

describe('the Paged.js adapter', () => {
  it('finds nothing missing in what it needs', () => {
    expect(missingInternals(paged, previewer)).toEqual([]);
    expect(() => requirePagedInternals(paged, previewer, installed)).not.toThrow();
  });

  it('fails naming the Paged.js version when its queue is not there', () => {
    const changed = { chunker: {}, on: () => {} };
    expect(missingInternals(paged, changed)).toEqual(['Previewer.chunker.q.tick']);
    expect(() => requirePagedInternals(paged, changed, installed)).toThrow(
      `Paged.js ${installed} lacks Previewer.chunker.q.tick, which banmian's layout uses`,
    );
  });

  it('names every missing part of the global', () => {
    expect(missingInternals({ Handler: class {} })).toEqual(['Previewer', 'registerHandlers']);
    expect(missingInternals(undefined)).toEqual(['Previewer', 'Handler', 'registerHandlers']);
  });

  it('is told the installed version by the document, on the script that loads Paged.js', async () => {
    const content: Root = { type: 'root', children: [] };
    const { html } = await renderDocument(content, { template: defaultTemplate, styles: defaultStyles, fonts: [] });
    expect(html).toMatch(
      new RegExp(`<script src="[^"]*paged\\.min\\.js[^"]*" ${PAGEDJS_VERSION_ATTRIBUTE}="${installed}">`),
    );
    const script = { getAttribute: (name: string) => (name === PAGEDJS_VERSION_ATTRIBUTE ? installed : null) };
    expect(pagedVersion({ querySelector: () => script } as unknown as ParentNode)).toBe(installed);
  });
});
