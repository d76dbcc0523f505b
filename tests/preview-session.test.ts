import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AssetMap } from '../src/document/assets.js';
import { PreviewSession } from '../src/preview/session.js';
import type { Change, Version } from '../src/preview/versions.js';

/*
 * The preview's states without a server or a browser: builds that succeed or throw as a test says,
 * layout reports as the page would send them, and the events an open page would hear.
 */
function session() {
  const outcomes: Array<string | undefined> = [];
  let built = 0;
  const build = async (_change: Change): Promise<Version> => {
    const failure = outcomes.shift();
    if (failure) throw new Error(failure);
    built++;
    return { number: built, html: `<p>${built}</p>`, assets: new AssetMap() };
  };
  const log: string[] = [];
  const preview = new PreviewSession(build, (line) => log.push(line));
  return { preview, log, failNext: (message: string) => outcomes.push(message) };
}

/** The events a page listening from now on hears, as `[event, data]`. */
function listen(preview: PreviewSession): Array<[string, unknown]> {
  const heard: Array<[string, unknown]> = [];
  const response = Object.assign(new PassThrough(), { writeHead: () => response }) as unknown as ServerResponse;
  (response as unknown as PassThrough).on('data', (chunk: Buffer) => {
    for (const [, event, data] of chunk.toString().matchAll(/event: (\w+)\ndata: (.*)\n\n/g))
      heard.push([event as string, JSON.parse(data as string)]);
  });
  preview.listen(new PassThrough() as unknown as IncomingMessage, response);
  return heard;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PreviewSession', () => {
  it('goes from idle through building to showing the first version', async () => {
    const { preview, log } = session();
    expect(preview.state.name).toBe('idle');
    const building = preview.rebuild('content');
    expect(preview.state.name).toBe('building');
    await building;
    expect(preview.state.name).toBe('showing');
    expect(preview.shown?.number).toBe(1);
    expect(log[0]).toMatch(/^banmian preview: version 1 \(Markdown\) in \d+ ms$/);
  });

  it('keeps the version it showed when a build fails, with the error over it until a good build', async () => {
    const { preview, failNext, log } = session();
    await preview.rebuild('content');
    const heard = listen(preview);
    failNext('page.html: no data-slot="content"');
    await preview.rebuild('document');
    expect(preview.state).toMatchObject({ name: 'failed', version: { number: 1 } });
    expect(preview.problem).toBe('page.html: no data-slot="content"');
    expect(log).toContain('banmian preview: error: page.html: no data-slot="content"');
    await preview.rebuild('document');
    expect(preview.state).toMatchObject({ name: 'showing', version: { number: 2 } });
    expect(preview.problem).toBeUndefined();
    await settle();
    expect(heard.map(([event]) => event)).toEqual(['hello', 'problem', 'update']);
  });

  it('tells a page that opens while a build is failing of the error', async () => {
    const { preview, failNext } = session();
    failNext('digest.md:2:7: front matter: date must be a date');
    await preview.rebuild('content');
    expect(preview.state).toEqual({ name: 'failed', message: expect.any(String), version: undefined });
    const heard = listen(preview);
    await settle();
    expect(heard).toEqual([
      ['hello', { version: 0 }],
      ['problem', { message: 'digest.md:2:7: front matter: date must be a date' }],
    ]);
  });

  it('sends the page back to the last version that laid out when a layout fails', async () => {
    const { preview } = session();
    await preview.rebuild('content');
    preview.report({ version: 1, ok: true });
    await preview.rebuild('document');
    const heard = listen(preview);
    preview.report({ version: 2, ok: false, message: '--columns must be at least 1' });
    expect(preview.state).toMatchObject({ name: 'failed', version: { number: 1 } });
    expect(preview.problem).toBe('layout: --columns must be at least 1');
    // A report for a version no longer shown changes nothing.
    preview.report({ version: 2, ok: false, message: 'again' });
    expect(preview.problem).toBe('layout: --columns must be at least 1');
    await settle();
    expect(heard.slice(1)).toEqual([
      ['problem', { message: 'layout: --columns must be at least 1' }],
      ['update', { version: 1 }],
    ]);
  });

  it('stays on a version that failed its layout when none laid out before it', async () => {
    const { preview } = session();
    await preview.rebuild('content');
    preview.report({ version: 1, ok: false });
    expect(preview.state).toMatchObject({ name: 'failed', message: 'layout: failed', version: { number: 1 } });
  });

  it('takes a layout report that comes during a build as what is shown meanwhile', async () => {
    const { preview } = session();
    await preview.rebuild('content');
    preview.report({ version: 1, ok: true });
    await preview.rebuild('document');
    const building = preview.rebuild('document');
    preview.report({ version: 2, ok: false, message: 'broken' });
    expect(preview.state).toMatchObject({ name: 'building', meanwhile: { name: 'failed', version: { number: 1 } } });
    await building;
    expect(preview.state).toMatchObject({ name: 'showing', version: { number: 3 } });
  });
});
