/**
 * Before the layout steps: the page's stylesheets and fonts loaded, its 号 and 级 sizes made CSS lengths
 * (type-sizes.ts), pictures it cannot draw replaced, and the template's parts found — the content (which
 * goes to Paged.js), the headline group and the parts repeated on every sheet.
 */
import { HOLD_STYLE_ID } from './contract.js';
import { type LayoutWarning, layoutWarning } from './layout-report.js';
import { resolveTypeSizes } from './type-sizes.js';
import { replaceUndecodableImages } from './undecodable-images.js';

export interface TemplateParts {
  content: HTMLElement;
  headline: HTMLElement | undefined;
  /** Elements marked `data-sheet`: the running head, the folio. */
  repeated: HTMLElement[];
  warnings: LayoutWarning[];
}

/** Settles once the page and `stylesheets` have loaded: before that the custom properties cannot be read. */
export async function documentLoaded(stylesheets: Promise<void> | undefined): Promise<void> {
  if (document.readyState !== 'complete') {
    await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  }
  await stylesheets;
}

export async function prepareDocument(): Promise<TemplateParts> {
  resolveTypeSizes(); // 五号, 44级 in the stylesheets' size variables, before anything is measured
  const content = document.querySelector<HTMLElement>('[data-slot="content"]');
  if (!content) throw new Error('The template has no element with data-slot="content"');
  const headline = document.querySelector<HTMLElement>('[data-slot="headline"]') ?? undefined;
  const repeated = [...document.querySelectorAll<HTMLElement>('[data-sheet]')];
  await loadFonts();
  // While the pictures are still in the page, and before anything measures them.
  const warnings = (await replaceUndecodableImages(document)).map((reason) =>
    layoutWarning('undecodable-image', reason),
  );
  // Out of the page before anything is laid out: the content goes to Paged.js,
  // and laying all of it out here first, as one long column, is a whole layout
  // for nothing (0.15 s at 60 pages).
  content.remove();
  document.getElementById(HOLD_STYLE_ID)?.remove();
  return { content, headline, repeated, warnings };
}

async function loadFonts(): Promise<void> {
  // Load every declared face up front: the bands are measured before Paged.js
  // starts, and a late font would change the line breaks under their feet.
  await Promise.all([...document.fonts].map((face) => face.load()));
  await document.fonts.ready;
}
