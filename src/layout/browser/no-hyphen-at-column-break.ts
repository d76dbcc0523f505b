/// <reference path="./paged.d.ts" />
/**
 * Paged.js appends a hyphen (U+2011) where a column break falls inside a word. banmian sets no
 * automatic hyphenation, so a word breaks only at a soft hyphen, where the hyphen stays, or where it
 * is wider than its column (`overflow-wrap: anywhere`: a URL, `a]a]a]…`). The lines inside a column
 * break such a run with no hyphen; so does the column break, and the text printed is the text written.
 */
import { HYPHEN_CLASS } from './paged-adapter.js';

export class NoHyphenAtColumnBreak extends Paged.Handler {
  afterPageLayout(pageElement: HTMLElement): void {
    for (const element of pageElement.querySelectorAll(`.${HYPHEN_CLASS}`)) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let last: Text | undefined;
      while (walker.nextNode()) last = walker.currentNode as Text;
      if (!last?.data.endsWith('\u2011') || last.data.endsWith('\u00ad\u2011')) continue;
      last.data = last.data.slice(0, -1);
      element.classList.remove(HYPHEN_CLASS);
    }
  }
}
