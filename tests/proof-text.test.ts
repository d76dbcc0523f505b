import { describe, expect, it } from 'vitest';
import { UNTITLED } from '../src/proof/article-text.js';
import { compareArticles } from '../src/proof/text-diff.js';

describe('the text diff of two proof rounds', () => {
  const before = [
    { title: '甲', blocks: ['甲', '第一句。第二句有300余个项目。第三句。'] },
    { title: '乙', blocks: ['乙', '没有变化的一段。'] },
  ];

  it('lists only the article that changed, with the changed sentence and its changed characters marked', () => {
    const after = [
      { title: '甲', blocks: ['甲', '第一句。第二句有350余个项目。第三句。'] },
      { title: '乙', blocks: ['乙', '没有变化的一段。'] },
    ];
    expect(compareArticles(before, after)).toEqual([
      {
        title: '甲',
        kind: 'changed',
        passages: [
          {
            old: '第二句有300余个项目。',
            new: '第二句有350余个项目。',
            oldMarked: '第二句有3<del>0</del>0余个项目。',
            newMarked: '第二句有3<ins>5</ins>0余个项目。',
          },
        ],
      },
    ]);
  });

  it('finds nothing when only the blocks moved (the same text)', () => {
    expect(compareArticles(before, structuredClone(before))).toEqual([]);
  });

  it('names an article added or removed', () => {
    const after = [before[0] as (typeof before)[0], { title: '丙', blocks: ['丙', '新的一篇。'] }];
    const changes = compareArticles(before, after);
    // In document order: the article removed, then the one in its place.
    expect(changes.map((change) => [change.title, change.kind])).toEqual([
      ['乙', 'removed'],
      ['丙', 'added'],
    ]);
    expect(changes[1]?.passages[0]?.newMarked).toBe('<ins>丙新的一篇。</ins>');
  });

  it('marks an inserted sentence as new, with nothing old', () => {
    const after = [
      { title: '甲', blocks: ['甲', '第一句。新加的一句。第二句有300余个项目。第三句。'] },
      before[1] as (typeof before)[1],
    ];
    const [change] = compareArticles(before, after);
    expect(change?.passages).toEqual([
      { old: '', new: '新加的一句。', oldMarked: '', newMarked: '<ins>新加的一句。</ins>' },
    ]);
  });

  it('compares two articles of the same title each with its own', () => {
    const briefs = [
      { title: '简讯', blocks: ['简讯', '第一则。'] },
      { title: '简讯', blocks: ['简讯', '第二则。'] },
    ];
    const after = [briefs[0] as (typeof briefs)[0], { title: '简讯', blocks: ['简讯', '第二则改了。'] }];
    expect(compareArticles(briefs, after)).toEqual([
      {
        title: '简讯',
        kind: 'changed',
        passages: [
          { old: '第二则。', new: '第二则改了。', oldMarked: '第二则。', newMarked: '第二则<ins>改了</ins>。' },
        ],
      },
    ]);
  });

  it('reports an article inserted among untitled ones as added, the others unchanged', () => {
    const untitled = (text: string) => ({ title: UNTITLED, blocks: [text] });
    const earlier = [untitled('一。'), untitled('二。')];
    const changes = compareArticles(earlier, [untitled('新。'), ...earlier]);
    expect(changes.map((change) => [change.kind, change.passages[0]?.new])).toEqual([['added', '新。']]);
  });

  it('escapes Markdown and HTML in the marked text, so that only the marks are markup', () => {
    const [change] = compareArticles(
      [{ title: 'a*b', blocks: ['价格<100 & _x_ [注] `c` |d|。'] }],
      [{ title: 'a*b', blocks: ['价格<200 & _x_ [注] `c` |d|。'] }],
    );
    expect(change?.passages[0]?.oldMarked).toBe('价格&lt;<del>1</del>00 &amp; \\_x\\_ \\[注\\] \\`c\\` \\|d\\|。');
    expect(change?.passages[0]?.newMarked).toBe('价格&lt;<ins>2</ins>00 &amp; \\_x\\_ \\[注\\] \\`c\\` \\|d\\|。');
  });
});
