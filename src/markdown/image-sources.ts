import { imageSize } from 'image-size';
import type { Position } from 'unist';
import type { VFile } from 'vfile';

/** What the browser shows and the AssetMap serves with a content type (src/document/assets.ts). */
export const IMAGE_TYPES = new Set(['png', 'jpg', 'gif', 'webp', 'svg']);

/**
 * The most pixels a raster picture may have: Chromium decodes a picture whole, 4 bytes a pixel, so a
 * 389 KB PNG declaring 20,000 × 20,000 took 4.5 GiB. 40 megapixels is a 7,700 × 5,200 photo, more
 * than a full newspaper page needs at 300 ppi.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Why a picture is over the pixel budget, or undefined if it is within it (vectors always are). */
export function overPixelBudget(type: string | undefined, width: number, height: number): string | undefined {
  if (type === 'svg' || width * height <= MAX_IMAGE_PIXELS) return undefined;
  const megapixels = (width * height) / 1_000_000;
  return `is ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels (${megapixels.toFixed(0)} megapixels), over the budget of ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`;
}

/** The kinds of `src` an `<img>` may have, each handled its own way by rehype-local-images. */
export type ImageSource =
  | { kind: 'file'; src: string }
  | { kind: 'data'; src: string }
  | { kind: 'remote'; src: string }
  /** No `src`: none was written, or the sanitiser removed it (a `data:` or `file:` URL); `written` is what the Markdown says. */
  | { kind: 'none'; written: string | undefined };

/** A URL with a scheme (`https:`, `file:`) or a network path: not a file next to the Markdown. */
const HAS_SCHEME = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/** Sorts an `<img>`'s `src` into a file beside the Markdown, a data: URL, anything else, or none. */
export function classifyImageSource(src: unknown, file: VFile, position: Position | undefined): ImageSource {
  if (typeof src !== 'string' || src.trim() === '') return { kind: 'none', written: urlWrittenAt(file, position) };
  if (/^data:/i.test(src.trim())) return { kind: 'data', src: src.trim() };
  if (HAS_SCHEME.test(src.trim())) return { kind: 'remote', src };
  return { kind: 'file', src };
}

/**
 * The URL as the Markdown file writes it at `position` — `![…](url)` or
 * `<img src=url>` — for a message about an image whose `src` the sanitiser
 * took away. Undefined for a reference image (`![…][ref]`) or when the
 * position is unknown.
 */
export function urlWrittenAt(file: VFile, position: Position | undefined): string | undefined {
  const start = position?.start.offset;
  const end = position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const written = String(file.value).slice(start, end);
  const match =
    /\]\(\s*(?:<([^>]*)>|([^\s)]+))/.exec(written) ?? /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(written);
  const url = match?.slice(1).find((group) => group !== undefined);
  return url?.trim() || undefined;
}

/** A URL as a message names it: whole, but for the bytes of a data: URL, which run to megabytes. */
export function shortUrl(url: string): string {
  return /^data:/i.test(url) && url.length > 60 ? `${url.slice(0, 48)}…` : url;
}

export interface DataImage {
  width: number;
  height: number;
}

/** A picture not shown for its size: why (see `overPixelBudget`). */
export interface TooLargeImage {
  tooLarge: string;
}

/**
 * The pixel size of the picture in a `data:` URL, or undefined when it does
 * not decode to an image the browser shows (bad base64, another media type,
 * bytes that are no image): then the page would show a broken-image icon.
 */
export function readDataImage(url: string): DataImage | TooLargeImage | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice('data:'.length, comma);
  const payload = url.slice(comma + 1);
  const base64 = /;base64$/i.test(header);
  if (base64 && !/^[A-Za-z\d+/\s]*={0,2}\s*$/.test(payload)) return undefined;
  let bytes: Buffer;
  try {
    bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const size = imageSize(bytes);
    if (!size.type || !IMAGE_TYPES.has(size.type) || !size.width || !size.height) return undefined;
    const tooLarge = overPixelBudget(size.type, size.width, size.height);
    if (tooLarge) return { tooLarge };
    const turned = (size.orientation ?? 1) >= 5;
    return { width: turned ? size.height : size.width, height: turned ? size.width : size.height };
  } catch {
    return undefined;
  }
}
