import { describe, expect, it } from 'vitest';
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
    expect(changes.map((change) => [change.title, change.kind])).toEqual([
      ['丙', 'added'],
      ['乙', 'removed'],
    ]);
    expect(changes[0]?.passages[0]?.newMarked).toBe('<ins>丙新的一篇。</ins>');
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
});
