import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { imageSizeFromFile } from 'image-size/fromFile';
import type { Plugin } from 'unified';
import type { Point, Position } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { PLACEHOLDER_URL } from '../layout/browser/placeholder.js';
import { isElement, isWhitespaceText } from './hast-utils.js';
import {
  classifyImageSource,
  IMAGE_TYPES,
  type ImageSource,
  overPixelBudget,
  readDataImage,
  shortUrl,
} from './image-sources.js';

/** An image file found for a document, inside the Markdown file's folder. */
export interface LocalImage {
  /** Absolute path: what the template registers in the document's AssetMap. */
  file: string;
  /** Pixel size as the browser will show it (EXIF rotation applied). */
  width: number;
  height: number;
}

/**
 * The image file behind `src`, a path relative to the Markdown file, or
 * undefined after a message placed at `place`. An image outside the Markdown
 * file's folder (by `..`, an absolute path or a symbolic link) is refused: the
 * document may only show what sits beside its text; a URL (`https:`) is no
 * file and is not loaded. Missing or unreadable images are warnings, so a
 * proof still prints without them.
 */
export async function findLocalImage(
  file: VFile,
  src: string,
  place: Point | Position | undefined,
): Promise<LocalImage | undefined> {
  const warn = (reason: string, ruleId: string) => {
    file.message(reason, { place, ruleId, source: 'banmian' });
    return undefined;
  };
  if (classifyImageSource(src, file, undefined).kind !== 'file') return warn(notLoaded(src), 'image-remote');
  let relative: string;
  try {
    relative = decodeURI(src.replace(/[?#].*$/, ''));
  } catch {
    return warn(`Image ${src}: not a valid path; not shown`, 'image-missing');
  }
  const base = inputFolder(file);
  const absolute = path.resolve(base, relative);
  if (!isInside(base, absolute)) {
    return warn(
      `Image ${src} is outside the folder of the Markdown file (${base}); refused, not shown`,
      'image-outside',
    );
  }
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    return warn(`Image ${src} not found (${absolute}); not shown`, 'image-missing');
  }
  const realBase = await realpath(base).catch(() => base);
  if (!isInside(realBase, real)) {
    return warn(
      `Image ${src} links to ${real}, outside the folder of the Markdown file; refused, not shown`,
      'image-outside',
    );
  }
  let size: Awaited<ReturnType<typeof imageSizeFromFile>>;
  try {
    size = await imageSizeFromFile(absolute);
    if (!size.type || !IMAGE_TYPES.has(size.type)) throw new Error(`type ${size.type}`);
  } catch {
    return warn(
      `Image ${src} is not a PNG, JPEG, GIF, WebP or SVG image banmian can read; not shown`,
      'image-unreadable',
    );
  }
  // Read from the file's header before the browser decodes it.
  const tooLarge = overPixelBudget(size.type, size.width, size.height);
  if (tooLarge) return warn(`Image ${src} ${tooLarge}; not shown`, 'image-too-large');
  // EXIF orientations 5–8 turn the picture a quarter: the browser shows it turned.
  const turned = (size.orientation ?? 1) >= 5;
  return { file: absolute, width: turned ? size.height : size.width, height: turned ? size.width : size.height };
}

/** The folder that image paths are relative to: the Markdown file's. */
export function inputFolder(file: VFile): string {
  return path.resolve(file.cwd, file.dirname ?? '.');
}

function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/** Marks an `<img>` as showing a local file: the template turns `data-file` into a URL the browser may load. */
export function pointImageAt(img: Element, image: LocalImage): void {
  img.properties.dataFile = image.file;
  img.properties.width = image.width;
  img.properties.height = image.height;
}

/** How an `<img>` ends up: its picture shown, a placeholder in its place, or removed. */
type ImageOutcome = 'shown' | 'placeholder' | 'refused';

/**
 * Settles every `<img>` in the Markdown stage, so that `banmian check`,
 * `--html` and the preview agree with the PDF and the browser is never asked
 * for a picture it cannot show: a file beside the Markdown is marked with its
 * file and pixel size (so the layout knows an image's height before it
 * loads); a `data:` URL is kept when it decodes to an image; anything else —
 * a remote URL, a missing, unreadable or undecodable picture, an `<img>`
 * without a source — becomes a placeholder, never a broken-image icon. One
 * from outside the folder is dropped, with the paragraph it leaves empty.
 * Each gets a message on its line that names its URL.
 */
export const rehypeLocalImages: Plugin<[], Root> = () => async (tree: Root, file: VFile) => {
  const found: Array<{ img: Element; parent: Element | Root }> = [];
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName === 'picture') dropPictureSources(node);
    if (node.tagName !== 'img' || !parent) return;
    found.push({ img: node, parent });
    return SKIP;
  });
  for (const { img, parent } of found) {
    // Only `src` is checked, so only `src` may be loaded: no other candidate (a remote 2x) in its place.
    delete img.properties.srcSet;
    delete img.properties.sizes;
    const outcome = await settleImage(file, img, classifyImageSource(img.properties.src, file, img.position));
    if (outcome === 'shown') {
      recordSource(img);
      continue;
    }
    // A picture that cannot be shown keeps its place, as a placeholder the
    // proof shows; one from outside the folder is refused outright.
    if (outcome === 'placeholder') {
      showPlaceholder(img);
      continue;
    }
    parent.children = parent.children.filter((child) => child !== img) as typeof parent.children;
    if (isElement(parent, 'p') && parent.children.every(isWhitespaceText)) removeFromTree(tree, parent);
  }
};

async function settleImage(file: VFile, img: Element, source: ImageSource): Promise<ImageOutcome> {
  const warn = (reason: string, ruleId: string): ImageOutcome => {
    file.message(reason, { place: img.position, ruleId, source: 'banmian' });
    return 'placeholder';
  };
  switch (source.kind) {
    case 'file': {
      const before = file.messages.length;
      const image = await findLocalImage(file, source.src, img.position);
      if (!image) {
        const outside = file.messages.slice(before).some((message) => message.ruleId === 'image-outside');
        return outside ? 'refused' : 'placeholder';
      }
      pointImageAt(img, image);
      return 'shown';
    }
    case 'data': {
      const size = readDataImage(source.src);
      if (size && 'tooLarge' in size) {
        return warn(`Image ${shortUrl(source.src)} ${size.tooLarge}; a placeholder is shown`, 'image-too-large');
      }
      if (!size) {
        return warn(
          `Image ${shortUrl(source.src)} does not decode to a PNG, JPEG, GIF, WebP or SVG image; a placeholder is shown`,
          'image-unreadable',
        );
      }
      // The layout needs its size before it loads, unless the HTML gave one.
      if (img.properties.width === undefined && img.properties.height === undefined) {
        Object.assign(img.properties, size);
      }
      return 'shown';
    }
    case 'remote':
      return warn(`${notLoaded(source.src)}; a placeholder is shown`, 'image-remote');
    case 'none':
      return warn(
        source.written
          ? `Image ${shortUrl(source.written)} was removed by the sanitiser (Markdown from outside may not use data: or file: URLs; --trusted keeps data: images); a placeholder is shown`
          : 'Image without a source; a placeholder is shown',
        'image-missing',
      );
  }
}

/** The message for an image URL that is not a file beside the Markdown. */
function notLoaded(src: string): string {
  return `Image ${shortUrl(src)} is not loaded: banmian loads nothing from the network`;
}

/**
 * A `<picture>`'s `<source>` candidates would be loaded instead of its
 * `<img>`, unchecked (a remote WebP is a broken-image icon in print): the
 * `<img>` alone is what prints.
 */
function dropPictureSources(picture: Element): void {
  picture.children = picture.children.filter((child) => !isElement(child, 'source'));
}

/**
 * Where the page's warning finds a picture the browser cannot decode after all
 * (src/layout/browser/undecodable-images.ts): its line, and a file's URL as
 * written, since the document gives it the page's URL for the file. A data:
 * URL stays and names itself.
 */
function recordSource(img: Element): void {
  if (img.properties.dataFile !== undefined) img.properties.dataSource = img.properties.src;
  if (img.position) img.properties.dataSourceLine = img.position.start.line;
}

function showPlaceholder(img: Element): void {
  img.properties.src = PLACEHOLDER_URL;
  img.properties.width = 400;
  img.properties.height = 300;
  const className = Array.isArray(img.properties.className) ? img.properties.className.map(String) : [];
  img.properties.className = [...className, 'image-missing'];
}

function removeFromTree(tree: Root, target: Element): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node !== target || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}
