/// <reference path="./paged.d.ts" />
/**
 * Paged.js watches every page's size to lay it out again when it changes,
 * for live previews in a browser. banmian lays a document out once (fonts
 * loaded and images sized beforehand) and then changes pages on purpose
 * (pulled-down characters, balanced columns); a late re-flow from a resize
 * callback would undo that, and on very long documents those callbacks fail
 * inside Paged.js. So each page stops listening as soon as it is laid out.
 */
import { stopReflowing } from './paged-adapter.js';

export class StaticPages extends Paged.Handler {
  afterPageLayout(_pageElement: HTMLElement, page: Paged.Page): void {
    stopReflowing(page);
  }
}
