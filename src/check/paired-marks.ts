import { MARK_PAIRS } from '../layout/browser/contract.js';

export { MARK_PAIRS };

const closerOf = new Map(MARK_PAIRS.map(([open, close]) => [open, close]));
const openerOf = new Map(MARK_PAIRS.map(([open, close]) => [close, open]));

/** The closing mark for an opening one (“ → ”), or undefined when `mark` opens no pair. */
export function closingMarkFor(mark: string): string | undefined {
  return closerOf.get(mark);
}

/** The opening mark for a closing one (” → “), or undefined when `mark` closes no pair. */
export function openingMarkFor(mark: string): string | undefined {
  return openerOf.get(mark);
}

/** ’ right after a Latin letter or digit is an apostrophe (it’s, editors’), not a closing quote. */
export function isApostrophe(text: string, index: number): boolean {
  return text[index] === '’' && /[\p{Script=Latin}\p{Nd}]/u.test(text[index - 1] ?? '');
}
