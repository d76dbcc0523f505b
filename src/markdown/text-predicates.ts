/**
 * What a paragraph's text is, judged from the text alone: a speaker line, a
 * photo credit, a deck, a numbered subheading, a bracketed note, text that
 * ends a sentence. The rehype plugins use these to mark bylines, credits and
 * the deck, the remark repair and the checks to leave those lines alone, so a
 * line is the same thing on both sides of remark-rehype.
 */

/** Marks that end a sentence or clause: a line holding one is prose, not a label. */
export const SENTENCE_PUNCTUATION = /[。！？；，：!?;]/u;

/** The longest label line (byline, credit, numbered subheading), in characters; longer lines are prose. */
export const DEFAULT_LABEL_MAX_LENGTH = 40;

/**
 * Marks a whole paragraph may end with. The semicolon and colon are here
 * because enumerations (一是……；) and lead-ins to a list (如下：) end
 * paragraphs; a comma, an enumeration comma or a bare character never does.
 */
const PARAGRAPH_FINAL = /[。！？…；：.!?;:．]$/u;

/** Closing quotes and brackets that may follow the final mark: `……。”`. */
const TRAILING_CLOSERS = /[”’」』）》〉】〕］)\]"'\s]+$/u;

/** Whether text ends the way a whole paragraph does, with sentence-final punctuation. */
export function endsSentence(text: string): boolean {
  return PARAGRAPH_FINAL.test(text.replace(TRAILING_CLOSERS, ''));
}

/** Marks that close a whole sentence (not a clause, as ：and ；do). */
const SENTENCE_FINAL = /[。！？…!?．]$/u;

/** Whether text ends a whole sentence: 。！？ or an ellipsis, before any closing quotes. */
export function endsFullSentence(text: string): boolean {
  return SENTENCE_FINAL.test(text.replace(TRAILING_CLOSERS, ''));
}

/**
 * The marks of a cut made by a page's column end: text cut off the page stops
 * at a Han character or a comma (…全面加强新 | 时代, …联系点，| 推动) and goes
 * on with a Han character. Latin text, digits, a colon or a link at either
 * side are taken as the writer's own line ends.
 */
export const CUT_END = /[\p{Script=Han}，、]$/u;
export const CUT_START = /^[\p{Script=Han}]/u;

// "一、总体要求", "（二）工作措施", "3. 保障": an enumeration mark, then a short label.
const NUMBERED_HEADING = /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]|\d+[.、．])/u;

/**
 * Whether text is a subheading written as a plain paragraph ("一、总体要求"):
 * numbered, short and without a sentence-final mark.
 */
export function isNumberedHeadingLine(text: string, maxLength = DEFAULT_LABEL_MAX_LENGTH): boolean {
  const line = text.trim();
  return line.length <= maxLength && NUMBERED_HEADING.test(line) && !endsSentence(line);
}

// "（完）", "(本报记者 张三)": a short note wholly in brackets.
const BRACKETED_NOTE = /^(?:（[^（）]*）|\([^()]*\)|【[^【】]*】|〔[^〔〕]*〕)$/u;

/** Whether text is a short note wholly in brackets, such as the end mark （完）. */
export function isBracketedNote(text: string, maxLength = DEFAULT_LABEL_MAX_LENGTH): boolean {
  const line = text.trim();
  return line.length <= maxLength && BRACKETED_NOTE.test(line);
}

/** The headings a speaker line follows: in a digest, the organisation heading. */
export const DEFAULT_BYLINE_AFTER: readonly string[] = ['h3'];

// "市工商联党组书记 曹宏峰": a title, white space, then a personal name of 2–5 Han characters
// (or a transliterated name with a middle dot).
const SPEAKER_LINE = /^(\S(?:.*\S)?)[\s\u3000]+([\p{Script=Han}·]{2,8})$/u;

export interface SpeakerLine {
  /** The speaker's title: 市工商联党组书记. */
  role: string;
  /** The speaker's name: 曹宏峰. */
  name: string;
}

/**
 * The title and name of a speaker line ("市工商联党组书记 曹宏峰"), or undefined
 * when the text is not one. Where the line stands (right after the organisation
 * heading) is for the caller to check.
 */
export function parseSpeakerLine(text: string, maxLength = DEFAULT_LABEL_MAX_LENGTH): SpeakerLine | undefined {
  const line = text.trim();
  if (line.length > maxLength || SENTENCE_PUNCTUATION.test(line)) return undefined;
  const match = SPEAKER_LINE.exec(line);
  if (!match?.[1] || !match[2]) return undefined;
  return { role: match[1], name: match[2] };
}

/** Endings of a photo or graphics credit (本报记者 某某 摄). */
export const DEFAULT_CREDIT_SUFFIXES: readonly string[] = ['摄', '供图', '制图', '绘'];

export interface CreditLineOptions {
  suffixes?: readonly string[];
  maxLength?: number;
}

/** Whether text is a short credit line: "本报记者 李威文 刘洋 摄". */
export function isCreditLine(text: string, options: CreditLineOptions = {}): boolean {
  const suffixes = options.suffixes ?? DEFAULT_CREDIT_SUFFIXES;
  const line = text.trim();
  if (line.length > (options.maxLength ?? DEFAULT_LABEL_MAX_LENGTH) || SENTENCE_PUNCTUATION.test(line)) return false;
  // A credit names someone before the verb: "本报记者 李威文 刘洋 摄", not a bare "摄".
  return suffixes.some((suffix) => line.endsWith(suffix) && line.length > suffix.length + 1);
}

/** Leading marks of a deck (副题), the dash subtitle right under the headline. */
export const DEFAULT_DECK_MARKERS: readonly string[] = ['——', '—', '――', '－－', '--'];

/** Whether text opens like a deck: "——加强新时代……发言摘编". */
export function isDeckLine(text: string, markers: readonly string[] = DEFAULT_DECK_MARKERS): boolean {
  const line = text.trim();
  return markers.some((marker) => line.startsWith(marker));
}
