import type { Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { characterPoint } from '../check/source-location.js';
import { filesCoverage, needsGlyph } from '../document/coverage.js';
import { defaultFonts, type FontFaceSpec, fontFile } from '../document/fonts.js';

/** The `ruleId` of the messages; `actual` holds the character. */
export const UNCOVERED_CHARACTER = 'uncovered-character';

export interface UncoveredCharactersOptions {
  /** The declared faces (default: banmian's). */
  fonts?: readonly FontFaceSpec[];
}

/** Nodes whose value is printed: text, code and raw HTML (its text; its tags are ASCII). */
const PRINTED = new Set(['text', 'inlineCode', 'code', 'html']);

/**
 * A warning at the first use of each character that none of the declared
 * faces has (an emoji, a rare ideograph, a script the faces lack), with the
 * number of its other uses: the build prints it as a box rather than take it
 * from whatever system font has it (src/document/missing-glyph-font.ts).
 */
export const remarkUncoveredCharacters: Plugin<[UncoveredCharactersOptions?], Root> = (options = {}) => {
  return async (tree: Root, file: VFile) => {
    const covered = await filesCoverage((options.fonts ?? defaultFonts).map(fontFile));
    const uses = new Map<string, { node: Text; index: number; count: number }>();
    visit(tree, (node) => {
      if (!PRINTED.has(node.type) || !('value' in node)) return;
      const { value } = node as Text;
      for (let index = 0; index < value.length; index++) {
        const codePoint = value.codePointAt(index) ?? 0;
        const character = String.fromCodePoint(codePoint);
        if (!covered.has(codePoint) && needsGlyph(character)) {
          const use = uses.get(character);
          if (use) use.count++;
          else uses.set(character, { node: node as Text, index, count: 1 });
        }
        if (codePoint > 0xffff) index++;
      }
    });
    for (const [character, use] of uses) warnAt(file, character, use);
  };
};

function warnAt(file: VFile, character: string, use: { node: Text; index: number; count: number }): void {
  const point = characterPoint(file, use.node, use.index);
  const others = use.count > 1 ? ` (and ${use.count - 1} more ${use.count === 2 ? 'time' : 'times'})` : '';
  const message = file.message(
    `${describeCharacter(character)}${others} is in none of the declared fonts: it prints as a box`,
    { ...(point ? { place: point } : {}), ruleId: UNCOVERED_CHARACTER, source: 'banmian' },
  );
  message.actual = character;
}

/** `“ร” (U+0E23)`. */
export function describeCharacter(character: string): string {
  const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `“${character}” (U+${code})`;
}

/** The build names this many characters by place; `banmian check` lists them all. */
const WARNINGS_SHOWN = 12;

/**
 * The build's warnings for the characters its page prints as boxes: each at
 * its first place in the Markdown (from this plugin's messages), or, for text
 * the template or the build adds, without a place; a text in a script the
 * faces lack (hundreds of characters) gets the first few and a count.
 */
export function uncoveredCharacterWarnings(file: VFile, uncovered: readonly string[]): string[] {
  const messages = new Map(
    file.messages
      .filter((message) => message.ruleId === UNCOVERED_CHARACTER && message.actual)
      .map((message) => [message.actual as string, message]),
  );
  const warnings = uncovered.slice(0, WARNINGS_SHOWN).map((character) => {
    const message = messages.get(character);
    if (message) return message.line ? `${message.line}:${message.column}: ${message.reason}` : message.reason;
    return `${describeCharacter(character)}, in text the template or the build adds, is in none of the declared fonts: it prints as a box`;
  });
  const more = uncovered.length - WARNINGS_SHOWN;
  if (more > 0) warnings.push(`${more} more characters are in none of the declared fonts and print as boxes`);
  return warnings;
}
