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
    maxBuffer: 256 * 1024 * 1024,
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

export interface PdfGlyph {
  page: number;
  /** Left edge and baseline, in points from the top left. */
  x: number;
  y: number;
  /** Right edge of the glyph's box. */
  right: number;
  size: number;
  font: string;
  char: string;
}

/** Every glyph with its position, as MuPDF places it (`mutool draw -F stext`). */
export function pdfGlyphs(file: string): PdfGlyph[] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const glyphs: PdfGlyph[] = [];
  let page = 0;
  let font = '';
  let size = 0;
  for (const match of xml.matchAll(
    /<page |<font name="([^"]*)" size="([\d.]+)"|<char quad="([^"]+)" x="([\d.-]+)" y="([\d.-]+)"[^>]* c="([^"]*)"/g,
  )) {
    if (match[0] === '<page ') page++;
    else if (match[1] !== undefined) {
      font = match[1];
      size = Number(match[2]);
    } else {
      const quad = (match[3] ?? '').split(' ').map(Number);
      glyphs.push({
        page,
        x: Number(match[4]),
        y: Number(match[5]),
        right: Math.max(quad[2] ?? 0, quad[6] ?? 0),
        size,
        font,
        char: decodeXml(match[6] ?? ''),
      });
    }
  }
  return glyphs;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&amp;/g, '&');
}

export interface VisualLine {
  page: number;
  /** Baseline. */
  y: number;
  left: number;
  right: number;
  size: number;
  glyphs: PdfGlyph[];
  text: string;
}

/**
 * Lines as a reader sees them: glyphs on one baseline of a page, in the order
 * they were drawn (reading order: sorting by x would misplace the zero-width
 * second half of a ——), split where a gap wider than `gutter` points (a
 * column gutter) separates them.
 */
export function visualLines(glyphs: PdfGlyph[], gutter = 12): VisualLine[] {
  const rows = new Map<string, PdfGlyph[]>();
  for (const glyph of glyphs) {
    if (glyph.char.trim() === '') continue;
    const key = `${glyph.page}:${Math.round(glyph.y)}`;
    rows.set(key, [...(rows.get(key) ?? []), glyph]);
  }
  const lines: VisualLine[] = [];
  for (const row of rows.values()) {
    let run: PdfGlyph[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const first = run[0] as PdfGlyph;
      lines.push({
        page: first.page,
        y: first.y,
        left: Math.min(...run.map((g) => g.x)),
        right: Math.max(...run.map((g) => g.right)),
        size: Math.max(...run.map((g) => g.size)),
        glyphs: run,
        text: run.map((g) => g.char).join(''),
      });
      run = [];
    };
    for (const glyph of row) {
      const previous = run[run.length - 1];
      if (previous && (glyph.x - previous.right > gutter || glyph.x < previous.x - gutter)) flush();
      run.push(glyph);
    }
    flush();
  }
  return lines.sort((a, b) => a.page - b.page || a.y - b.y || a.left - b.left);
}

/** Lines grouped into the columns of each page (by where they start), each column top to bottom. */
export function linesByColumn(lines: VisualLine[], pageWidth: number, columns: number): VisualLine[][] {
  const groups = new Map<string, VisualLine[]>();
  for (const line of lines) {
    const column = Math.min(columns - 1, Math.floor(line.left / (pageWidth / columns)));
    const key = `${line.page}:${column}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      const [pa, ca] = a.split(':').map(Number) as [number, number];
      const [pb, cb] = b.split(':').map(Number) as [number, number];
      return pa - pb || ca - cb;
    })
    .map(([, column]) => column.sort((a, b) => a.y - b.y));
}

/** A picture as drawn: its page (from 1), its box in points from the page's top left, its pixel width. */
export interface PdfImage {
  page: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
  pixelWidth: number;
}

/** The pictures drawn on each page of `file`, from the image transforms `mutool trace` prints. */
export function pdfImages(file: string): PdfImage[] {
  const trace = execFileSync('mutool', ['trace', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const images: PdfImage[] = [];
  let page = 0;
  for (const match of trace.matchAll(/<page |<fill_image [^>]*transform="([^"]+)" width="(\d+)"/g)) {
    if (match[0] === '<page ') {
      page++;
      continue;
    }
    const [a = 0, , , d = 0, e = 0, f = 0] = (match[1] ?? '').split(' ').map(Number);
    images.push({ page, left: e, top: f, right: e + a, bottom: f + d, pixelWidth: Number(match[2]) });
  }
  return images;
}
