import { spawnSync } from 'node:child_process';

/**
 * The integration tests read PDFs with Debian's poppler-utils and mupdf-tools. `npm test` installs them
 * first (scripts/setup.js); a run of vitest alone says in one line what is missing.
 */
export default function checkTools(): void {
  const missing = [
    ['pdffonts', 'poppler-utils'],
    ['pdfinfo', 'poppler-utils'],
    ['mutool', 'mupdf-tools'],
  ].filter(([command]) => spawnSync(command as string, ['-v']).error !== undefined);
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new Error(
      `The tests need ${missing.map(([c]) => c).join(', ')}: run \`npm test\` (it sets them up as root) or apt-get install ${packages}`,
    );
  }
}
