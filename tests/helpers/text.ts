/**
 * Text comparison for "is the source's text in the PDF, in order?": the
 * characters that count (Han, CJK and ASCII punctuation, digits, letters), with
 * Kangxi radicals and compatibility ideographs read as the ideographs they
 * stand for (NFKC), as the acceptance criteria ask.
 */
const COUNTED = /[\p{Script=Han}\p{P}\p{N}\p{L}]/u;

export function countedCharacters(text: string): string {
  return [...text.normalize('NFKC')].filter((c) => COUNTED.test(c)).join('');
}

/** The characters of Markdown source that print: without the syntax marks # and *. */
export function printedMarkdownCharacters(markdown: string): string {
  return countedCharacters(markdown.replace(/^#{1,6}\s+/gm, '').replaceAll('**', ''));
}

/** Length of the longest common subsequence of a and b (two rows, O(a·b) time). */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = new Uint16Array(y.length + 1);
  let current = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      current[j] = xi === y[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length] ?? 0;
}

/** Share of `source`'s counted characters found in order in `extracted`. */
export function inOrderCoverage(source: string, extracted: string): number {
  return lcsLength(source, extracted) / source.length;
}
