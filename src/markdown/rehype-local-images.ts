import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { imageSizeFromFile } from 'image-size/fromFile';
import type { Plugin } from 'unified';
import type { Point, Position } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isElement, isWhitespaceText } from './hast-utils.js';

/** An image file found for a document, inside the Markdown file's folder. */
export interface LocalImage {
  /** Absolute path: what the template registers in the document's AssetMap. */
  file: string;
  /** Pixel size as the browser will show it (EXIF rotation applied). */
  width: number;
  height: number;
}

/** What the browser shows and the AssetMap serves with a content type (src/document/assets.ts). */
const IMAGE_TYPES = new Set(['png', 'jpg', 'gif', 'webp', 'svg']);

/** A URL with a scheme (`https:`, `data:`) or a network path: not a file next to the Markdown. */
const NOT_A_FILE = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * The image file behind `src`, a path relative to the Markdown file, or
 * undefined after a message placed at `place`. An image outside the Markdown
 * file's folder (by `..`, an absolute path or a symbolic link) is refused: the
 * document may only show what sits beside its text. Missing or unreadable
 * images are warnings, so a proof still prints without them.
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
  try {
    const size = await imageSizeFromFile(absolute);
    if (!size.type || !IMAGE_TYPES.has(size.type)) throw new Error(`type ${size.type}`);
    // EXIF orientations 5–8 turn the picture a quarter: the browser shows it turned.
    const turned = (size.orientation ?? 1) >= 5;
    return { file: absolute, width: turned ? size.height : size.width, height: turned ? size.width : size.height };
  } catch {
    return warn(
      `Image ${src} is not a PNG, JPEG, GIF, WebP or SVG image banmian can read; not shown`,
      'image-unreadable',
    );
  }
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

/**
 * Finds the files behind the document's images (paths relative to the
 * Markdown file), marks each `<img>` with its file and pixel size (so the
 * layout knows an image's height before it loads). An image it cannot find
 * or read becomes a placeholder; one from outside the folder is dropped,
 * with the paragraph it leaves empty. Each gets a message on its line.
 */
export const rehypeLocalImages: Plugin<[], Root> = () => async (tree: Root, file: VFile) => {
  const found: Array<{ img: Element; parent: Element | Root }> = [];
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName !== 'img' || !parent) return;
    const src = node.properties.src;
    if (typeof src === 'string' && src !== '' && !NOT_A_FILE.test(src)) found.push({ img: node, parent });
    return SKIP;
  });
  for (const { img, parent } of found) {
    const before = file.messages.length;
    const image = await findLocalImage(file, String(img.properties.src), img.position);
    if (image) {
      pointImageAt(img, image);
      continue;
    }
    // A missing or unreadable picture keeps its place, as a placeholder the
    // proof shows; one from outside the folder is refused outright.
    if (file.messages.slice(before).every((message) => message.ruleId !== 'image-outside')) {
      showPlaceholder(img);
      continue;
    }
    parent.children = parent.children.filter((child) => child !== img) as typeof parent.children;
    if (isElement(parent, 'p') && parent.children.every(isWhitespaceText)) removeFromTree(tree, parent);
  }
};

/** A grey box with a cross, 4:3: where a picture is missing. (No text in it: an image has no web fonts.) */
const PLACEHOLDER = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">' +
    '<rect width="400" height="300" fill="#e6e6e6" stroke="#888" stroke-width="4"/>' +
    '<path d="M0 0L400 300M400 0L0 300" stroke="#888" stroke-width="3"/></svg>',
)}`;

function showPlaceholder(img: Element): void {
  img.properties.src = PLACEHOLDER;
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
