import { execFileSync } from 'node:child_process';

/** Facts about a PDF, read with poppler-utils and mupdf-tools (Debian), never with banmian's own code. */

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdfFonts(file: string): PdfFont[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // name type… encoding emb sub uni id gen: the name has no spaces; the type may ("CID TrueType").
      const match = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line);
      if (!match?.[1] || !match[2]) throw new Error(`Unexpected pdffonts line: ${line}`);
      return { name: match[1], type: match[2].trim(), embedded: match[3] === 'yes' };
    });
}

export interface PdfPageBox {
  page: number;
  width: number;
  height: number;
}

/** Every page's MediaBox size in points. */
export function pdfPageSizes(file: string): PdfPageBox[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  const boxes: PdfPageBox[] = [];
  for (const match of out.matchAll(/Page\s+(\d+) MediaBox:\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)/g)) {
    const [x0, y0, x1, y1] = match.slice(2, 6).map(Number) as [number, number, number, number];
    boxes.push({ page: Number(match[1]), width: x1 - x0, height: y1 - y0 });
  }
  return boxes;
}

/** The raw text layer, as MuPDF extracts it (no normalisation, unlike pdftotext). */
export function pdfText(file: string): string {
  return execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

export interface PdfLine {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  font: string;
  size: number;
}

export interface PdfPage {
  lines: PdfLine[];
}

interface StextJson {
  pages: Array<{
    blocks: Array<{
      type: string;
      lines?: Array<{
        bbox: { x: number; y: number; w: number; h: number };
        font: { name: string; size: number };
        text: string;
      }>;
    }>;
  }>;
}

/** Text runs with their boxes (points, origin top left), page by page. */
export function pdfLines(file: string): PdfPage[] {
  const out = execFileSync('mutool', ['draw', '-q', '-F', 'stext.json', '-o', '-', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const json = JSON.parse(out) as StextJson;
  return json.pages.map((page) => ({
    lines: page.blocks.flatMap((block) =>
      (block.lines ?? []).map((line) => ({
        x: line.bbox.x,
        y: line.bbox.y,
        width: line.bbox.w,
        height: line.bbox.h,
        text: line.text,
        font: line.font.name,
        size: line.font.size,
      })),
    ),
  }));
}
