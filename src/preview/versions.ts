import path from 'node:path';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { type BuildOptions, documentOptionsFor, readContent } from '../build.js';
import { type Asset, AssetMap } from '../document/assets.js';
import { renderDocument } from '../document/template.js';
import { readInput } from '../files.js';
import { PREVIEW_PREFIX } from '../layout/browser/contract.js';

/** The files a preview is made from. */
export type PreviewSources = Pick<BuildOptions, 'input' | 'template' | 'styles' | 'fonts' | 'repair'>;

/** What was saved: the Markdown, or only the template or a stylesheet. */
export type Change = 'content' | 'document';

/** One good build of the document, as served. */
export interface Version {
  number: number;
  html: string;
  assets: AssetMap;
}

/**
 * The preview serves the whole fonts instead of per-document subsets: the
 * same faces and metrics, so the same line breaks, and a saved change costs
 * no subsetting (the browser keeps the fonts in its cache between reloads).
 */
class PreviewAssets extends AssetMap {
  private readonly frozen = new Map<string, Asset>();

  override get servesData(): boolean {
    return false;
  }

  /**
   * Keeps `file` as it is now for this version: a stylesheet saved later
   * belongs to a later version, so going back to the last good version
   * (after a stylesheet broke the layout) really goes back.
   */
  async freeze(file: string): Promise<void> {
    const [urlPath = ''] = this.add(file).split('?');
    const asset = await super.read(urlPath);
    if (asset) this.frozen.set(urlPath, asset);
  }

  override async read(urlPath: string): Promise<Asset | undefined> {
    return this.frozen.get(urlPath) ?? super.read(urlPath);
  }
}

/**
 * Builds the versions of one document, numbered from 1. The Markdown's tree is kept between
 * builds, so that a saved stylesheet or template does not run the Markdown pipeline again.
 */
export class VersionBuilder {
  private source: VFile | undefined;
  private content: Root | undefined;
  private built = 0;
  private readonly input: string;

  constructor(private readonly sources: PreviewSources) {
    this.input = path.resolve(sources.input);
  }

  /** The next version; throws what the Markdown, template or a stylesheet got wrong. */
  async build(change: Change): Promise<Version> {
    if (change === 'content' || !this.content || !this.source) {
      this.source = await readInput(this.input);
      this.content = await readContent(this.source, this.sources);
    }
    // The template and stylesheets are read again either way.
    const documentOptions = await documentOptionsFor(this.sources, this.source);
    const assets = new PreviewAssets();
    const rendered = await renderDocument(this.content, { ...documentOptions, assets });
    await Promise.all(documentOptions.styles.map((style) => assets.freeze(style)));
    const number = ++this.built;
    return { number, html: withClient(rendered.html, number), assets: rendered.assets };
  }
}

/** The tag that loads the preview's client script (which finds the preview's other URLs next to its own). */
export const clientScript = `<script type="module" src="${PREVIEW_PREFIX}client.js"></script>`;

/** The document with the preview's client script, and the version it is. */
function withClient(html: string, version: number): string {
  return html.replace('</head>', `<meta name="banmian-version" content="${version}">${clientScript}</head>`);
}
