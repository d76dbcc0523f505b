import type { SheetGeometry } from './geometry.js';

/**
 * Crop marks at the corners and registration crosses at the middle of each
 * side, in the room outside the bleed (`--marks crop,cross`).
 */
export function printerMarks(geometry: SheetGeometry): HTMLElement[] {
  const marks: HTMLElement[] = [];
  const { trimOffset: o, bleed, width, height } = geometry;
  const gap = bleed + 3; // marks start clear of the bleed
  const length = o - gap - 2;
  const line = (left: number, top: number, w: number, h: number) => {
    const mark = document.createElement('div');
    mark.className = 'banmian-mark';
    Object.assign(mark.style, { left: `${left}px`, top: `${top}px`, width: `${w}px`, height: `${h}px` });
    marks.push(mark);
  };
  if (geometry.marks.includes('crop') && length > 0) {
    for (const x of [o, o + width]) {
      for (const y of [o, o + height]) {
        const outward = { x: x === o ? -1 : 1, y: y === o ? -1 : 1 };
        line(outward.x < 0 ? x - gap - length : x + gap, y, length, 0); // horizontal, on the trim line
        line(x, outward.y < 0 ? y - gap - length : y + gap, 0, length); // vertical
      }
    }
  }
  if (geometry.marks.includes('cross') && length > 0) {
    const size = Math.min(length, 20);
    const centres = [
      [o + width / 2, o - gap - size / 2],
      [o + width / 2, o + height + gap + size / 2],
      [o - gap - size / 2, o + height / 2],
      [o + width + gap + size / 2, o + height / 2],
    ] as const;
    for (const [x, y] of centres) {
      line(x - size / 2, y, size, 0);
      line(x, y - size / 2, 0, size);
      const ring = document.createElement('div');
      ring.className = 'banmian-mark banmian-mark-ring';
      Object.assign(ring.style, {
        left: `${x - size / 4}px`,
        top: `${y - size / 4}px`,
        width: `${size / 2}px`,
        height: `${size / 2}px`,
      });
      marks.push(ring);
    }
  }
  return marks;
}
