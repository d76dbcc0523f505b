import type { VFile } from 'vfile';
import { PUNCTUATION_RULES } from '../check/preset.js';
import { JOIN_SPLIT_PARAGRAPH } from '../markdown/remark-join-split-paragraphs.js';
import { SPLIT_LEAD_IN } from '../markdown/remark-split-lead-ins.js';

/**
 * One line about the Markdown's messages for `banmian build`, counted from the
 * messages themselves — `8 paragraphs joined, 1 split, 3 punctuation warnings, 2 warnings` — with the
 * command that lists them (and fixes the punctuation): the build's job is the PDF, `check`'s the details.
 */
export function markdownSummary(file: VFile, input: string): string {
  const count = (test: (message: VFile['messages'][number]) => boolean) => file.messages.filter(test).length;
  const isRepair = (ruleId: string | undefined) => ruleId === JOIN_SPLIT_PARAGRAPH || ruleId === SPLIT_LEAD_IN;
  const joined = count((message) => message.ruleId === JOIN_SPLIT_PARAGRAPH);
  const split = count((message) => message.ruleId === SPLIT_LEAD_IN);
  const errors = count((message) => message.fatal === true);
  const isPunctuation = (message: VFile['messages'][number]) =>
    message.source === 'banmian' && PUNCTUATION_RULES.has(message.ruleId ?? '');
  const punctuation = count((message) => message.fatal === false && isPunctuation(message));
  const warnings = count((message) => message.fatal === false && !isPunctuation(message));
  const notes = count(
    (message) => (message.fatal === undefined || message.fatal === null) && !isRepair(message.ruleId),
  );
  const parts = [
    joined > 0 ? `${plural(joined, 'paragraph')} joined` : '',
    split > 0 ? (joined > 0 ? `${split} split` : `${plural(split, 'paragraph')} split`) : '',
    errors > 0 ? plural(errors, 'error') : '',
    punctuation > 0 ? plural(punctuation, 'punctuation warning') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
    notes > 0 ? plural(notes, 'note') : '',
  ].filter(Boolean);
  return `banmian: ${parts.join(', ')} — run "banmian check ${input}" for details`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
