/**
 * What stands where a picture cannot be shown: a grey box with a cross, 4:3.
 * The Markdown stage puts it in place of an image it cannot show, the print
 * stage answers with it a picture the page asks for and may not have, and the
 * page puts it in place of a picture the browser cannot decode
 * (undecodable-images.ts), so no broken-image icon is printed. Here, in the
 * page's folder, because the page imports it too. (No text in it: an image has
 * no web fonts.)
 */
export const PLACEHOLDER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">' +
  '<rect width="400" height="300" fill="#e6e6e6" stroke="#888" stroke-width="4"/>' +
  '<path d="M0 0L400 300M400 0L0 300" stroke="#888" stroke-width="3"/></svg>';

/** The placeholder as an `<img>`'s own URL: a data: URL, so the page loads nothing for it. */
export const PLACEHOLDER_URL = `data:image/svg+xml,${encodeURIComponent(PLACEHOLDER_SVG)}`;
