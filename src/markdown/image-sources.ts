import { imageSize } from 'image-size';
import type { Position } from 'unist';
import type { VFile } from 'vfile';

/** What the browser shows and the AssetMap serves with a content type (src/document/assets.ts). */
export const IMAGE_TYPES = new Set(['png', 'jpg', 'gif', 'webp', 'svg']);

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

/**
 * The pixel size of the picture in a `data:` URL, or undefined when it does
 * not decode to an image the browser shows (bad base64, another media type,
 * bytes that are no image): then the page would show a broken-image icon.
 */
export function readDataImage(url: string): DataImage | undefined {
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
    const turned = (size.orientation ?? 1) >= 5;
    return { width: turned ? size.height : size.width, height: turned ? size.width : size.height };
  } catch {
    return undefined;
  }
}
