import type { Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import {
  CUT_END,
  CUT_START,
  DEFAULT_BYLINE_AFTER,
  DEFAULT_CREDIT_SUFFIXES,
  DEFAULT_DECK_MARKERS,
  endsSentence,
  isBracketedNote,
  isCreditLine,
  isDeckLine,
  isNumberedHeadingLine,
  parseSpeakerLine,
} from './text-predicates.js';

export interface JoinSplitParagraphsOptions {
  /** Headings (`h1`…`h6`) a speaker line follows; as rehype-bylines, default `h3`. */
  bylineAfter?: readonly string[];
  /** Endings of a credit line; as rehype-credits. */
  creditSuffixes?: readonly string[];
  /** Leading marks of the deck under the headline; as rehype-headline-group. */
  deckMarkers?: readonly string[];
}

/** The `ruleId` of the join's messages. */
export const JOIN_SPLIT_PARAGRAPH = 'join-split-paragraph';

/**
 * The shortest paragraph taken as cut off by a column end: a paragraph that
 * ran to the foot of a column is a line or more; a short line without a full
 * stop is a label or an example the writer set on its own.
 */
const MIN_CUT_LENGTH = 16;

/** Inline content a cut sentence can end or go on with; a bold run or an image starts something new. */
const RUNNING_TEXT = new Set<PhrasingContent['type']>(['text', 'link', 'linkReference', 'inlineCode']);

/**
 * Joins a paragraph that was cut mid-sentence, as text copied off a laid-out
 * page is wherever a column ended, with the paragraph that goes on with the
 * sentence: `…全面加强新` + `时代人民政协…`. A paragraph is cut when it ends in
 * running text without sentence-final punctuation; the next goes on with it
 * when it is a paragraph opening with running text (not a bold lead-in, an
 * image…). Label lines — a byline, a credit, the deck, a numbered subheading,
 * a bracketed note such as （完） — end without punctuation by nature and are
 * never joined; nor is anything but a paragraph (headings, lists, breaks).
 * Only a cut a column end makes counts: the paragraph, at least a line long,
 * stops after a Han character or a comma, and the next goes on with a Han
 * character (CUT_END, CUT_START); Latin text is left alone, and so are block
 * quotes and lists. The texts are concatenated as they are. Each join is an info message
 * (the page prints right; the source still has the cut) placed from the end of
 * the first paragraph to the start of the second.
 */
export const remarkJoinSplitParagraphs: Plugin<[JoinSplitParagraphsOptions?], Root> = (options = {}) => {
  return (tree: Root, file: VFile) => {
    // Only the page's own paragraphs: a block quote or list sets its lines apart on purpose.
    joinIn(tree.children, file, options);
  };
};

function joinIn(children: RootContent[], file: VFile, options: JoinSplitParagraphsOptions): void {
  for (let i = 0; i < children.length; i++) {
    const paragraph = children[i];
    if (paragraph?.type !== 'paragraph') continue;
    let next = children[i + 1];
    while (
      next?.type === 'paragraph' &&
      endsMidSentence(paragraph, previousBlock(children, i), options) &&
      continuesSentence(next, paragraph, options)
    ) {
      report(file, paragraph, next);
      join(paragraph, next);
      children.splice(i + 1, 1);
      next = children[i + 1];
    }
  }
}

/**
 * The block before `children[index]` that decides whether it is a label line,
 * looking past a paragraph that holds only an image: a speaker's portrait
 * stands between the organisation heading and the speaker line (rehype-portraits).
 */
export function previousBlock(children: readonly RootContent[], index: number): RootContent | undefined {
  const previous = children[index - 1];
  const isImageOnly =
    previous?.type === 'paragraph' &&
    previous.children.filter((child) => !(child.type === 'text' && child.value.trim() === '')).length === 1 &&
    previous.children.some((child) => child.type === 'image');
  return isImageOnly ? children[index - 2] : previous;
}

/**
 * Whether a paragraph stops in the middle of a sentence: it ends in running
 * text without sentence-final punctuation and is not a label line. `previous`
 * is its `previousBlock`, which decides whether it is a byline or the deck.
 */
export function endsMidSentence(
  paragraph: Paragraph,
  previous: RootContent | undefined,
  options: JoinSplitParagraphsOptions = {},
): boolean {
  const last = paragraph.children.at(-1);
  if (!last || !RUNNING_TEXT.has(last.type)) return false;
  const text = mdastToString(paragraph).trim();
  return (
    text.length >= MIN_CUT_LENGTH &&
    CUT_END.test(text) &&
    !endsSentence(text) &&
    !isLabelLine(paragraph, previous, options)
  );
}

/** Whether `next` goes on with the sentence `paragraph` left unfinished. */
function continuesSentence(next: Paragraph, paragraph: Paragraph, options: JoinSplitParagraphsOptions): boolean {
  const first = next.children[0];
  if (!first || !RUNNING_TEXT.has(first.type)) return false;
  return CUT_START.test(mdastToString(next).trim()) && !isLabelLine(next, paragraph, options);
}

/** A byline, credit, deck, numbered subheading or bracketed note: lines that end without punctuation by design. */
export function isLabelLine(
  paragraph: Paragraph,
  previous: RootContent | undefined,
  options: JoinSplitParagraphsOptions = {},
): boolean {
  const text = mdastToString(paragraph);
  if (isNumberedHeadingLine(text) || isBracketedNote(text)) return true;
  if (!paragraph.children.every((child) => child.type === 'text')) return false;
  if (isCreditLine(text, { suffixes: options.creditSuffixes ?? DEFAULT_CREDIT_SUFFIXES })) return true;
  if (previous?.type !== 'heading') return false;
  const after = options.bylineAfter ?? DEFAULT_BYLINE_AFTER;
  if (after.includes(`h${previous.depth}`) && parseSpeakerLine(text)) return true;
  return previous.depth === 1 && isDeckLine(text, options.deckMarkers ?? DEFAULT_DECK_MARKERS);
}

function report(file: VFile, paragraph: Paragraph, next: Paragraph): void {
  const place = span(paragraph.position?.end, next.position?.start);
  const cut = `\`${textEnd(mdastToString(paragraph))}\` + \`${textStart(mdastToString(next))}\``;
  file.info(`Joined a paragraph cut mid-sentence: ${cut}`, {
    ...(place ? { place } : {}),
    ruleId: JOIN_SPLIT_PARAGRAPH,
    source: 'banmian',
  });
}

/** The first characters of a text, to quote in a message. */
export function textStart(text: string, length = 8): string {
  const characters = [...text.trim()];
  return characters.length > length ? `${characters.slice(0, length).join('')}…` : characters.join('');
}

/** The last characters of a text, to quote in a message. */
export function textEnd(text: string, length = 8): string {
  const characters = [...text.trim()];
  return characters.length > length ? `…${characters.slice(-length).join('')}` : characters.join('');
}

/** Appends `next` to `paragraph`, merging the text nodes that meet at the cut. */
function join(paragraph: Paragraph, next: Paragraph): void {
  const last = paragraph.children.at(-1);
  const [first, ...rest] = next.children;
  if (last?.type === 'text' && first?.type === 'text') {
    const merged: Text = { type: 'text', value: last.value + first.value };
    const position = span(last.position?.start, first.position?.end);
    if (position) merged.position = position;
    paragraph.children.splice(-1, 1, merged, ...rest);
  } else {
    paragraph.children.push(...next.children);
  }
  const position = span(paragraph.position?.start, next.position?.end);
  if (position) paragraph.position = position;
}

function span(start: Point | undefined, end: Point | undefined): Position | undefined {
  return start && end ? { start: { ...start }, end: { ...end } } : undefined;
}
