import type { Element, ElementContent, Root, RootContent } from 'hast';
import { select } from 'hast-util-select';
import { h } from 'hastscript';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { PortraitEntry } from '../config/front-matter.js';
import { hasClass, isElement, nextElementIndex, soleImage, textOf } from './hast-utils.js';
import { findLocalImage, pointImageAt } from './rehype-local-images.js';

export interface PortraitsOptions {
  /** Headings a portrait follows: in a digest, the organisation heading. */
  after?: readonly string[];
}

/**
 * Sets each speaker's portrait with the speaker line as its caption:
 * `<figure class="portrait"><img><figcaption><p class="byline">…`. In the
 * printed digest the portrait stands between the organisation heading and the
 * speaker line; in Markdown it is an image on its own line there, or the front
 * matter names it (`portraits: {曹宏峰: portraits/cao.jpg}`). The figure stays
 * where the speaker line was, so rehype-articles keeps it in the article's
 * header. Runs after rehype-bylines (it needs `p.byline`) and after
 * rehype-local-images (a Markdown image is already checked; a front-matter
 * one is checked here, and without a usable image nothing changes).
 */
export const rehypePortraits: Plugin<[PortraitsOptions?], Root> = (options = {}) => {
  const after = options.after ?? ['h3'];
  return async (tree: Root, file: VFile) => {
    const named = new Map((file.data.frontMatter?.portraits ?? []).map((entry) => [entry.name, entry]));
    const used = new Set<PortraitEntry>();
    await setIn(tree.children);
    for (const entry of named.values()) {
      if (used.has(entry)) continue;
      file.message(`front matter: portraits: no speaker line names ${entry.name}`, {
        place: entry.place,
        ruleId: 'portrait-unused',
        source: 'banmian',
      });
    }

    async function setIn(children: Array<RootContent | ElementContent>): Promise<void> {
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        if (!isElement(node)) continue;
        if (!after.includes(node.tagName)) {
          await setIn(node.children);
          continue;
        }
        const next = nextElementIndex(children, i);
        const image = soleImage(children[next]);
        const bylineIndex = image ? nextElementIndex(children, next) : next;
        const byline = children[bylineIndex];
        if (!isElement(byline, 'p') || !hasClass(byline, 'byline')) continue;
        const name = textOf(select('.name', byline) ?? byline);
        const entry = named.get(name);
        if (entry) used.add(entry);
        // A Markdown image there wins over the front matter's.
        const img = image ?? (entry ? await frontMatterImage(entry) : undefined);
        if (!img) continue;
        if (!img.properties.alt) img.properties.alt = name;
        const figure = h('figure', { className: ['portrait'] }, [img, h('figcaption', [byline])]);
        const start = (image ?? byline).position?.start;
        const end = byline.position?.end;
        if (start && end) figure.position = { start, end };
        if (image) children.splice(next, 1);
        children.splice(children.indexOf(byline), 1, figure);
      }
    }

    async function frontMatterImage(entry: PortraitEntry): Promise<Element | undefined> {
      const found = await findLocalImage(file, entry.src, entry.place);
      if (!found) return undefined;
      const img = h('img', { src: entry.src, alt: entry.name });
      img.position = entry.place;
      pointImageAt(img, found);
      return img;
    }
  };
};
