import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTool, ToolError } from '../tools.js';

/**
 * `--pdfx`: the finished PDF converted by Ghostscript (Debian `ghostscript`),
 * the colours converted to grey or CMYK with the matching output intent from
 * Ghostscript's own ICC profiles. Fonts stay embedded (pdfwrite re-embeds them
 * as subsets; nothing is outlined) and the page boxes are kept. For CMYK,
 * black is separated onto K and overprints before the conversion
 * (black-ink.ts) and the ink is held to the limit after it (ink-limit.ts).
 * Ghostscript 10.0 labels its output PDF/X-3; the file is labelled PDF/X-1a
 * when its objects pass the X-1a rules (pdfx-conformance.ts), else X-3 as
 * Ghostscript wrote it.
 */
export interface PdfxOptions {
  colour: 'gray' | 'cmyk';
  /** The most C + M + Y + K anywhere, in percent (CMYK only). */
  inkLimit?: number | undefined;
}

/** The ink limit when none is given, in percent: for --pdfx cmyk and preflight --profile newsprint alike. */
export const DEFAULT_INK_LIMIT = 240;

/** What was written: the PDF and the PDF/X version it is labelled with. */
export interface PdfxResult {
  pdf: Uint8Array;
  version: 'PDF/X-1a:2001' | 'PDF/X-3:2002';
  /** Why it is not X-1a, when it is not. */
  problems: string[];
}

export async function convertToPdfx(pdf: Uint8Array, options: PdfxOptions): Promise<PdfxResult> {
  const { separateBlack, limitInkAndLabel } = await import('./press-colour.js');
  const cmyk = options.colour === 'cmyk';
  const converted = await ghostscriptPdfx(cmyk ? await separateBlack(pdf) : pdf, options);
  return limitInkAndLabel(converted, cmyk ? (options.inkLimit ?? DEFAULT_INK_LIMIT) : undefined);
}

async function ghostscriptPdfx(pdf: Uint8Array, options: PdfxOptions): Promise<Uint8Array> {
  const profile = await ghostscriptProfile(options.colour);
  const dir = await mkdtemp(path.join(tmpdir(), 'banmian-pdfx-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    const definitions = path.join(dir, 'PDFX_def.ps');
    await writeFile(input, pdf);
    await writeFile(definitions, pdfxDefinitions(profile, options));
    const strategy = options.colour === 'gray' ? 'Gray' : 'CMYK';
    await runTool(
      'gs',
      [
        '-dPDFX',
        // Ghostscript 10.0's new PDF interpreter loses the ToUnicode maps of
        // Chromium's CID TrueType fonts (the text layer turns to garbage); the
        // legacy one keeps them, character for character.
        '-dNEWPDF=false',
        '-dBATCH',
        '-dNOPAUSE',
        '-dQUIET',
        `--permit-file-read=${profile}`,
        '-sDEVICE=pdfwrite',
        `-sColorConversionStrategy=${strategy}`,
        `-sProcessColorModel=Device${strategy}`,
        '-dPDFSETTINGS=/prepress',
        '-dEmbedAllFonts=true',
        // Images stay lossless (Flate) so that the ink limit can be applied to their pixels afterwards.
        '-dPassThroughJPEGImages=false',
        '-dAutoFilterColorImages=false',
        '-dColorImageFilter=/FlateEncode',
        // Small images as XObjects too, never inline (BI … ID … EI), where the ink limit would not reach them.
        '-dMaxInlineImageSize=0',
        `-sOutputFile=${output}`,
        definitions,
        input,
      ],
      '--pdfx',
    );
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ghostscript's own grey or CMYK profile, from its iccprofiles folder (the version's, or the shared one). */
export async function ghostscriptProfile(colour: 'gray' | 'cmyk'): Promise<string> {
  const version = (await runTool('gs', ['--version'], '--pdfx')).trim();
  const name = colour === 'gray' ? 'default_gray.icc' : 'default_cmyk.icc';
  const candidates = [
    `/usr/share/ghostscript/${version}/iccprofiles/${name}`,
    `/usr/share/ghostscript/${version}.0/iccprofiles/${name}`,
    `/usr/share/ghostscript/iccprofiles/${name}`,
  ];
  for (const candidate of candidates) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // next
    }
  }
  throw new ToolError(`Ghostscript's ICC profile ${name} was not found (looked in ${candidates.join(', ')})`);
}

/** PostScript string literal. */
function ps(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** Ghostscript's PDFX_def.ps, filled in: the PDF/X version, the title and the output intent. */
function pdfxDefinitions(profile: string, options: PdfxOptions): string {
  const components = options.colour === 'gray' ? 1 : 4;
  const condition = options.colour === 'gray' ? 'Grey' : 'CMYK';
  return `%!
[ /GTS_PDFXVersion (PDF/X-3:2002) /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N ${components} >> /PUT pdfmark
[{icc_PDFX} ${ps(profile)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition (${condition})
  /OutputConditionIdentifier (Custom)
  /RegistryName (http://www.color.org)
  /Info (banmian ${condition} output intent)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}
