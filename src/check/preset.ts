import type { Preset } from 'unified';
import { checkEmptyHeading } from './empty-heading.js';
import { checkEmptySection } from './empty-section.js';
import { checkEndsMidSentence } from './ends-mid-sentence.js';
import { checkLeadInMidParagraph } from './lead-in-mid-paragraph.js';
import { checkLiteralMarkdown } from './literal-markdown.js';
import { checkStartsMidSentence } from './starts-mid-sentence.js';
import { checkUnbalancedMarks } from './unbalanced-marks.js';

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
  ],
};
