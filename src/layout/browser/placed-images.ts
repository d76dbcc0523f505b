/**
 * The pictures from files (rehype-local-images marks them `data-source`, with their line and pixel size;
 * a placeholder for one the browser could not decode is none)
 * as the sheets print them: the size drawn, for the print resolution Node checks (src/layout/print-resolution.ts).
 * A picture drawn `object-fit: contain` in a box of another shape is drawn at the smaller scale.
 */
import type { PlacedImage } from './layout-report.js';

export function placedImages(sheets: HTMLElement[]): PlacedImage[] {
  const images: PlacedImage[] = [];
  for (const sheet of sheets) {
    for (const image of sheet.querySelectorAll<HTMLImageElement>('img[data-source]:not(.image-missing)')) {
      const pixelWidth = Number(image.getAttribute('width')) || image.naturalWidth;
      const pixelHeight = Number(image.getAttribute('height')) || image.naturalHeight;
      const box = image.getBoundingClientRect();
      if (!(pixelWidth > 0 && pixelHeight > 0 && box.width > 0 && box.height > 0)) continue;
      const scale = Math.min(box.width / pixelWidth, box.height / pixelHeight);
      const line = Number(image.dataset.sourceLine);
      images.push({
        source: image.dataset.source ?? '',
        line: Number.isInteger(line) && line > 0 ? line : undefined,
        pixelWidth,
        pixelHeight,
        width: pixelWidth * scale,
        height: pixelHeight * scale,
      });
    }
  }
  return images;
}
