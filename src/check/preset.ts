import type { Preset } from 'unified';
import { checkCornerQuotes } from './corner-quotes.js';
import { checkDash } from './dash.js';
import { checkDoubledMarks } from './doubled-marks.js';
import { checkEllipsis } from './ellipsis.js';
import { checkEmptyHeading } from './empty-heading.js';
import { checkEmptySection } from './empty-section.js';
import { checkEndsMidSentence } from './ends-mid-sentence.js';
import { checkFullwidthAlphanumerics } from './fullwidth-alphanumerics.js';
import { checkHalfwidthPunctuation } from './halfwidth-punctuation.js';
import { checkLeadInMidParagraph } from './lead-in-mid-paragraph.js';
import { checkLiteralMarkdown } from './literal-markdown.js';
import { checkSpaceBetweenHan } from './space-between-han.js';
import { checkStartsMidSentence } from './starts-mid-sentence.js';
import { checkStraightQuotes } from './straight-quotes.js';
import { checkUnbalancedMarks } from './unbalanced-marks.js';

/**
 * The punctuation and number rules of GB/T 15834-2011 (标点符号用法) and GB/T 15835-2011 (出版物上数字用法)
 * that can be checked mechanically: warnings, each with a fix for `banmian check --fix` but the last two,
 * which a person must decide. `banmian build` runs them too, and counts their findings in its summary line.
 */
export const punctuationPreset: Preset = {
  plugins: [
    [checkHalfwidthPunctuation, ['warn']],
    [checkStraightQuotes, ['warn']],
    [checkCornerQuotes, ['warn']],
    [checkEllipsis, ['warn']],
    [checkDash, ['warn']],
    [checkFullwidthAlphanumerics, ['warn']],
    [checkDoubledMarks, ['warn']],
    [checkSpaceBetweenHan, ['warn']],
  ],
};

/** The `ruleId`s of the punctuation rules (`banmian:dash` → `dash`), for counting their findings. */
export const PUNCTUATION_RULES: ReadonlySet<string> = new Set(
  (punctuationPreset.plugins ?? []).map((entry) => {
    const plugin = Array.isArray(entry) ? entry[0] : entry;
    return typeof plugin === 'function' ? (plugin.name.split(':')[1] ?? plugin.name) : '';
  }),
);

/**
 * The rules `banmian check` runs, with their severities. Errors are what would
 * print wrong whatever the editor meant (Markdown marks on the page, an empty
 * heading) and make `check` exit 1; warnings are what is probably wrong in the
 * text and needs a person to decide.
 */
export const checkPreset: Preset = {
  plugins: [
    [checkLiteralMarkdown, ['error']],
    [checkEmptyHeading, ['error']],
    [checkEmptySection, ['warn']],
    [checkUnbalancedMarks, ['warn']],
    [checkStartsMidSentence, ['warn']],
    [checkEndsMidSentence, ['warn']],
    [checkLeadInMidParagraph, ['warn']],
    punctuationPreset,
  ],
};
