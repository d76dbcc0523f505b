import { describe, expect, it } from 'vitest';
import {
  endsSentence,
  isBracketedNote,
  isCreditLine,
  isDeckLine,
  isNumberedHeadingLine,
  parseSpeakerLine,
} from '../../src/markdown/text-predicates.js';

describe('text predicates shared by the rehype plugins and the repair', () => {
  it('tells text that ends a sentence, also behind closing quotes, from a cut', () => {
    for (const text of ['正文。', '他说：“好。”', '如下：', '一是加强学习；', '真的吗？', 'It ends.', '（完。）']) {
      expect(endsSentence(text), text).toBe(true);
    }
    for (const text of ['全面加强新', '联系点，', '开展“银企', '被《人民政协报》', '先锋']) {
      expect(endsSentence(text), text).toBe(false);
    }
  });

  it('reads speaker lines, credits, decks, numbered subheadings and bracketed notes', () => {
    expect(parseSpeakerLine('市工商联党组书记 曹宏峰')).toEqual({ role: '市工商联党组书记', name: '曹宏峰' });
    expect(parseSpeakerLine('我们认为，这项工作 很好。')).toBeUndefined();
    expect(isCreditLine('本报记者 李威文 刘洋 摄')).toBe(true);
    expect(isCreditLine('摄')).toBe(false);
    expect(isDeckLine('——加强新时代工作会议发言摘编')).toBe(true);
    expect(isDeckLine('加强新时代')).toBe(false);
    expect(isNumberedHeadingLine('一、总体要求')).toBe(true);
    expect(isNumberedHeadingLine('（二）工作措施')).toBe(true);
    expect(isNumberedHeadingLine('一、总体要求是加强学习。')).toBe(false);
    expect(isBracketedNote('（完）')).toBe(true);
    expect(isBracketedNote('（完）正文')).toBe(false);
  });
});
