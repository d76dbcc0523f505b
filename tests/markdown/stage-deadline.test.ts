import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { checkDeadline, MarkdownDeadlineError } from '../../src/markdown/stage-deadline.js';

const root = { type: 'root', children: [] };

describe('checkDeadline', () => {
  it('stops the stage past its deadline with a fatal message at the longest block', () => {
    const file = new VFile({ path: 'page.md', value: `# 标题\n\n短段。\n\n${'长'.repeat(5000)}\n续行\n\n尾段。\n` });
    file.data.markdownDeadline = performance.now() - 1;
    expect(() => checkDeadline('parsing')()(root, file)).toThrow(MarkdownDeadlineError);
    const [message] = file.messages;
    expect(message?.fatal).toBe(true);
    expect(message?.line).toBe(5);
    expect(String(message)).toMatch(
      /^page\.md:5:1: The Markdown took longer than 10 s to read \(parsing\); its longest block, 5 K characters/,
    );
  });

  it('does nothing before the deadline, or when no deadline was set', () => {
    const file = new VFile({ path: 'page.md', value: '正文。\n' });
    checkDeadline('parsing')()(root, file);
    file.data.markdownDeadline = performance.now() + 60_000;
    checkDeadline('parsing')()(root, file);
    expect(file.messages).toEqual([]);
  });
});
