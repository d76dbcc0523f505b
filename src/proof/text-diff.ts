import { diffArrays, diffChars } from 'diff';
import type { ArticleText } from './article-text.js';

/**
 * What changed in the words between two proof rounds, article by article
 * (aligned by title): each changed passage — the sentences that differ — old
 * and new, with the changed characters marked. jsdiff (`diff`) finds the
 * sentences that differ and, within them, the characters.
 */
export interface ChangedPassage {
  old: string;
  new: string;
  /**
   * For summary.md: `old` with the removed characters in <del>…</del>, `new` with the added ones in
   * <ins>…</ins>, the text itself escaped (escapeMarkdown) so that only the marks are markup.
   */
  oldMarked: string;
  newMarked: string;
}

export interface ArticleChange {
  title: string;
  /** added: the article is new in this round; removed: it was in the baseline only. */
  kind: 'changed' | 'added' | 'removed';
  passages: ChangedPassage[];
}

/**
 * The articles of the two rounds aligned in two steps with jsdiff: first the articles that are the same
 * (title and text), then, between those, the others by title in order — so two articles of one title
 * (简讯, 简讯) are each compared with their own, and an article inserted or removed, even among untitled
 * ones, is reported as added or removed without moving the others.
 */
export function compareArticles(before: readonly ArticleText[], after: readonly ArticleText[]): ArticleChange[] {
  const changes: ArticleChange[] = [];
  const same = (articles: readonly ArticleText[]) => articles.map((article) => JSON.stringify(article));
  let old = 0;
  let updated = 0;
  let gap = { before: [] as ArticleText[], after: [] as ArticleText[] };
  const flush = () => {
    changes.push(...compareByTitle(gap.before, gap.after));
    gap = { before: [], after: [] };
  };
  for (const part of diffArrays(same(before), same(after))) {
    const count = part.value.length;
    if (part.removed) gap.before.push(...before.slice(old, old + count));
    else if (part.added) gap.after.push(...after.slice(updated, updated + count));
    else flush();
    if (!part.added) old += count;
    if (!part.removed) updated += count;
  }
  flush();
  return changes;
}

/** Articles that differ, aligned by their titles in order: the pairs compared, the others added or removed. */
function compareByTitle(before: readonly ArticleText[], after: readonly ArticleText[]): ArticleChange[] {
  const changes: ArticleChange[] = [];
  let old = 0;
  let updated = 0;
  const titles = (articles: readonly ArticleText[]) => articles.map((article) => article.title);
  for (const part of diffArrays(titles(before), titles(after))) {
    for (const title of part.value) {
      if (part.removed) {
        const blocks = (before[old++] as ArticleText).blocks;
        changes.push({ title, kind: 'removed', passages: [passage(sentencesOf(blocks), [])] });
      } else if (part.added) {
        const blocks = (after[updated++] as ArticleText).blocks;
        changes.push({ title, kind: 'added', passages: [passage([], sentencesOf(blocks))] });
      } else {
        const passages = changedPassages(
          sentencesOf((before[old++] as ArticleText).blocks),
          sentencesOf((after[updated++] as ArticleText).blocks),
        );
        if (passages.length > 0) changes.push({ title, kind: 'changed', passages });
      }
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
  let oldMarked = escapeMarkdown(old.slice(0, head));
  let newMarked = escapeMarkdown(updated.slice(0, head));
  for (const part of diffChars(old.slice(head, old.length - tail), updated.slice(head, updated.length - tail))) {
    const value = escapeMarkdown(part.value);
    if (part.removed) oldMarked += `<del>${value}</del>`;
    else if (part.added) newMarked += `<ins>${value}</ins>`;
    else {
      oldMarked += value;
      newMarked += value;
    }
  }
  oldMarked += escapeMarkdown(old.slice(old.length - tail));
  newMarked += escapeMarkdown(updated.slice(updated.length - tail));
  return { old, new: updated, oldMarked, newMarked };
}

const HTML_ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Text as Markdown that reads as itself: <, > and & as entities; a backslash, *, _, |, `, [ and ] escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[<>&\\*_|`[\]]/g, (char) => HTML_ENTITY[char] ?? `\\${char}`);
}
