import { diffArrays, diffChars } from 'diff';
import type { ArticleText } from './article-text.js';

/**
 * What changed in the words between two proof rounds, article by article
 * (matched by title): each changed passage — the sentences that differ — old
 * and new, with the changed characters marked. jsdiff (`diff`) finds the
 * sentences that differ and, within them, the characters.
 */
export interface ChangedPassage {
  old: string;
  new: string;
  /** `old` with the removed characters in <del>…</del>, `new` with the added ones in <ins>…</ins>. */
  oldMarked: string;
  newMarked: string;
}

export interface ArticleChange {
  title: string;
  /** added: the article is new in this round; removed: it was in the baseline only. */
  kind: 'changed' | 'added' | 'removed';
  passages: ChangedPassage[];
}

export function compareArticles(before: readonly ArticleText[], after: readonly ArticleText[]): ArticleChange[] {
  const changes: ArticleChange[] = [];
  const earlier = new Map(before.map((article) => [article.title, article]));
  const titles = new Set(after.map((article) => article.title));
  for (const article of after) {
    const old = earlier.get(article.title);
    if (!old) {
      changes.push({ title: article.title, kind: 'added', passages: [passage([], sentencesOf(article.blocks))] });
      continue;
    }
    const passages = changedPassages(sentencesOf(old.blocks), sentencesOf(article.blocks));
    if (passages.length > 0) changes.push({ title: article.title, kind: 'changed', passages });
  }
  for (const article of before) {
    if (!titles.has(article.title)) {
      changes.push({ title: article.title, kind: 'removed', passages: [passage(sentencesOf(article.blocks), [])] });
    }
  }
  return changes;
}

/** The blocks cut into sentences (after 。！？ and their closing quotes), each block ending one. */
function sentencesOf(blocks: readonly string[]): string[] {
  return blocks.flatMap(
    (block) => block.match(/[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)/g)?.filter(Boolean) ?? [block],
  );
}

function changedPassages(before: string[], after: string[]): ChangedPassage[] {
  const passages: ChangedPassage[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) passages.push(passage(removed, added));
    removed = [];
    added = [];
  };
  for (const part of diffArrays(before, after)) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else flush();
  }
  flush();
  return passages;
}

function passage(removed: readonly string[], added: readonly string[]): ChangedPassage {
  const old = removed.join('');
  const updated = added.join('');
  // The common ends first, so that 300 → 350 marks the middle 0 (3<del>0</del>0), not the last.
  let head = 0;
  while (head < old.length && head < updated.length && old[head] === updated[head]) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < updated.length - head &&
    old[old.length - 1 - tail] === updated[updated.length - 1 - tail]
  ) {
    tail++;
  }
  let oldMarked = old.slice(0, head);
  let newMarked = updated.slice(0, head);
  for (const part of diffChars(old.slice(head, old.length - tail), updated.slice(head, updated.length - tail))) {
    if (part.removed) oldMarked += `<del>${part.value}</del>`;
    else if (part.added) newMarked += `<ins>${part.value}</ins>`;
    else {
      oldMarked += part.value;
      newMarked += part.value;
    }
  }
  oldMarked += old.slice(old.length - tail);
  newMarked += updated.slice(updated.length - tail);
  return { old, new: updated, oldMarked, newMarked };
}
