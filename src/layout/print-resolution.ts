/**
 * Print resolution: a photo placed larger than its pixels carry prints soft. The page reports each
 * picture's pixels and the size it prints at (CSS px, 96 to the inch); below `MIN_PPI` the build warns
 * at the picture's line, naming the file, its resolution and its placed size. Vector pictures (SVG) have
 * no resolution. Node only.
 */
import type { VFile } from 'vfile';
import type { PlacedImage } from './browser/layout-report.js';

/** What a newspaper's press asks of a photo at its printed size. */
export const MIN_PPI = 200;

const CSS_PX_PER_INCH = 96;
const MM_PER_INCH = 25.4;

/** The pixels per inch a picture prints at: the lower of its two directions. */
export function printedPpi(image: PlacedImage): number {
  const across = image.pixelWidth / (image.width / CSS_PX_PER_INCH);
  const down = image.pixelHeight / (image.height / CSS_PX_PER_INCH);
  return Math.min(across, down);
}

const mm = (px: number) => ((px / CSS_PX_PER_INCH) * MM_PER_INCH).toFixed(0);

/** A warning on `file` for each photo that prints below `MIN_PPI`, each once; their texts. */
export function printResolutionWarnings(file: VFile, images: readonly PlacedImage[]): string[] {
  const warned = new Set<string>();
  const texts: string[] = [];
  for (const image of images) {
    if (/\.svgz?(?:[?#].*)?$/i.test(image.source)) continue;
    const ppi = printedPpi(image);
    const key = `${image.source}:${image.line ?? ''}`;
    if (ppi >= MIN_PPI || warned.has(key)) continue;
    warned.add(key);
    const reason =
      `Image ${image.source} prints at ${Math.floor(ppi)} ppi, below ${MIN_PPI} ppi: ` +
      `${image.pixelWidth} × ${image.pixelHeight} pixels placed at ${mm(image.width)} × ${mm(image.height)} mm`;
    const place = image.line ? { line: image.line, column: 1 } : undefined;
    file.message(reason, { place, ruleId: 'image-resolution', source: 'banmian' });
    texts.push(place ? `${place.line}:${place.column}: ${reason}` : reason);
  }
  return texts;
}
