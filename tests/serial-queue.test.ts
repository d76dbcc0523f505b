import { describe, expect, it } from 'vitest';
import { serialQueue } from '../src/watch.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serialQueue', () => {
  it('runs one job at a time, so a later save always finishes last', async () => {
    const log: string[] = [];
    let active = 0;
    let mostActive = 0;
    const queue = serialQueue<number>(async (key, value) => {
      active++;
      mostActive = Math.max(mostActive, active);
      log.push(`start ${key}${value}`);
      // The first job is the slow one: run side by side, it would finish after the second.
      await tick(value === 1 ? 40 : 5);
      log.push(`end ${key}${value}`);
      active--;
    });
    queue.add('a', 1);
    await tick(5);
    queue.add('b', 2);
    await queue.idle();
    expect(mostActive).toBe(1);
    expect(log).toEqual(['start a1', 'end a1', 'start b2', 'end b2']);
  });

  it('keeps one place for a key queued again while it waits, with the merged value', async () => {
    const ran: string[] = [];
    const queue = serialQueue<string>(
      async (key, value) => {
        ran.push(`${key}:${value}`);
        await tick(5);
      },
      (waiting, next) => (waiting === 'content' ? waiting : next),
    );
    queue.add('busy', 'first');
    queue.add('page', 'content');
    queue.add('other', 'x');
    queue.add('page', 'document');
    await queue.idle();
    expect(ran).toEqual(['busy:first', 'page:content', 'other:x']);
  });

  it('drops what waits on clear and resolves once the running job is done', async () => {
    const ran: string[] = [];
    const queue = serialQueue<number>(async (key) => {
      await tick(10);
      ran.push(key);
    });
    queue.add('running', 0);
    queue.add('waiting', 0);
    await queue.clear();
    expect(ran).toEqual(['running']);
    await queue.idle();
    expect(ran).toEqual(['running']);
  });
});
