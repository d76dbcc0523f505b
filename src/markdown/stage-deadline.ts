import type { Node } from 'unist';
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** When (`performance.now()`) the Markdown stage must be done; set by `markdownToHast`. */
    markdownDeadline: number;
  }
}

/** How long the Markdown stage may take. The 60-page edition takes about a second. */
export const MARKDOWN_BUDGET_MS = 10_000;

/** Why the stage was stopped: the message is in the file, with its place, marked fatal. */
export class MarkdownDeadlineError extends Error {
  override name = 'MarkdownDeadlineError';
}

/** Where the longest block of the Markdown starts (blocks split at blank lines), and its length. */
function longestBlock(markdown: string): { line: number; characters: number } {
  let longest = { line: 1, characters: 0 };
  let start = 1;
  let characters = 0;
  for (const [index, line] of markdown.split('\n').entries()) {
    if (line.trim() === '') {
      start = index + 2;
      characters = 0;
      continue;
    }
    characters += line.length + 1;
    if (characters > longest.characters) longest = { line: start, characters };
  }
  return longest;
}

/**
 * A transformer that stops the Markdown stage once its deadline has passed, so that no input keeps
 * the build (and the browser it starts meanwhile) waiting: the error names the step and the file's
 * longest block, where hostile text usually is. The deadline is checked between plugins; the guards
 * before parsing and the adapter keep each one linear in the text.
 */
export function checkDeadline(step: string) {
  return () => (_tree: Node, file: VFile) => {
    const deadline = file.data.markdownDeadline;
    if (deadline === undefined || performance.now() <= deadline) return;
    const { line, characters } = longestBlock(String(file.value));
    const message = file.message(
      `The Markdown took longer than ${MARKDOWN_BUDGET_MS / 1000} s to read (${step}); ` +
        `its longest block, ${Math.round(characters / 1000)} K characters, starts here`,
      { place: { line, column: 1 }, ruleId: 'markdown-deadline', source: 'banmian' },
    );
    message.fatal = true;
    throw new MarkdownDeadlineError(message.reason);
  };
}
