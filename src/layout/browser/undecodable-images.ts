import { PLACEHOLDER_URL } from './placeholder.js';

/**
 * Puts the placeholder in place of each picture of the page that the browser
 * cannot draw, and says which. The Markdown stage reads only an image's
 * header: a malformed SVG would print as a broken-image icon, a PNG with a
 * good header and a corrupt body as an empty box, and a `--trusted` raw image
 * whose request was refused as an icon too. Run before Paged.js lays out, so
 * the layout measures the placeholder; the `<img>` keeps its width and height
 * attributes, and so its box.
 */
export async function replaceUndecodableImages(root: ParentNode): Promise<string[]> {
  const images = [...root.querySelectorAll('img')];
  const undecodable = (await Promise.all(images.map(async (img) => ((await decodes(img)) ? [] : [img])))).flat();
  // Named before the placeholder takes the `src`.
  const warnings = undecodable.map(
    (img) => `Image ${sourceOf(img)}${lineOf(img)} could not be decoded by the browser; a placeholder is shown`,
  );
  await Promise.all(undecodable.map(showPlaceholder));
  return warnings;
}

/**
 * Whether the browser can draw `img`. `decode()` waits for the load and
 * rejects a picture in the broken state (a malformed SVG, a refused request),
 * but reads no more of a raster than its header; making a bitmap of it
 * decodes it all, and fails on a corrupt or cut-off body. The bitmap is 1 × 1
 * (no memory for a large photo), which also takes an SVG without a size of its own.
 */
async function decodes(img: HTMLImageElement): Promise<boolean> {
  // A lazy picture out of view may never load, and `decode()` waits for the load.
  img.loading = 'eager';
  try {
    await img.decode();
    (await createImageBitmap(img, { resizeWidth: 1, resizeHeight: 1 })).close();
    return true;
  } catch {
    return false;
  }
}

async function showPlaceholder(img: HTMLImageElement): Promise<void> {
  // Only `src` may be loaded now: no other candidate in its place.
  img.removeAttribute('srcset');
  img.removeAttribute('sizes');
  img.src = PLACEHOLDER_URL;
  img.classList.add('image-missing');
  // Drawn before the layout starts, as the pictures it replaced were.
  await img.decode().catch(() => {});
}

/**
 * The image's URL as the Markdown writes it (the Markdown stage keeps it in
 * `data-source`; `src` is then the page's own URL for the file), else its `src`,
 * a data: URL's bytes cut short.
 */
function sourceOf(img: HTMLImageElement): string {
  const url = img.dataset.source ?? img.getAttribute('src') ?? '';
  return /^data:/i.test(url) && url.length > 60 ? `${url.slice(0, 48)}…` : url;
}

function lineOf(img: HTMLImageElement): string {
  const line = img.dataset.sourceLine;
  return line ? ` (line ${line})` : '';
}
