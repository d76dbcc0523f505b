/**
 * Chinese type sizes: 号 (初号 … 八号, in points, as Word, WPS and ctex's \zihao give them) and 级 (1 级 =
 * 0.25 mm, CSS's `Q`). A stylesheet may write them as the value of a `--*-size` variable of :root
 * (`--body-size: 五号;`), which is valid CSS but unusable in `font-size`: the page puts the point or Q
 * length in their place before the layout (resolveTypeSizes). The front matter's `sizes:` takes the same
 * names (src/config/front-matter.ts reads this table too). Imports nothing: it runs in the page and in Node.
 */

/** 号 → points. */
export const TYPE_SIZE_POINTS: Readonly<Record<string, number>> = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
  八号: 5,
};

// 44级, 44Q, 10.5 级.
const GRADE = /^(\d+(?:\.\d+)?)\s*(?:级|q)$/iu;

/**
 * A type size as a CSS length: a 号 (`五号` → `10.5pt`; `小二号` as `小二`) or 级 (`44级`, `44Q` → `44Q`);
 * `undefined` for anything else, which CSS reads as it is.
 */
export function typeSizeLength(value: string): string | undefined {
  const name = value.trim();
  const points = TYPE_SIZE_POINTS[name] ?? TYPE_SIZE_POINTS[name.replace(/^(小.)号$/u, '$1')];
  if (points !== undefined) return `${points}pt`;
  const grade = GRADE.exec(name);
  return grade ? `${grade[1]}Q` : undefined;
}

/** Whether a value is written as a 号 or 级 (known or not): one that CSS cannot read as it is. */
export function looksLikeTypeSize(value: string): boolean {
  return /[号级]\s*$/u.test(value.trim());
}

/** The names, for messages: 初号, 小初, … 八号. */
export const TYPE_SIZE_NAMES = Object.keys(TYPE_SIZE_POINTS).join('、');

/**
 * Puts the CSS length in place of each 号 or 级 that a `--*-size` variable of :root holds (on the root's
 * own style, which the next document's replaces: runtime.ts). An unknown name (`九号`) fails the layout:
 * CSS would drop the size and print the text at the browser's default, a page no one asked for.
 */
export function resolveTypeSizes(root: HTMLElement = document.documentElement): void {
  const computed = getComputedStyle(root);
  for (const property of [...computed]) {
    if (!property.startsWith('--') || !property.endsWith('-size')) continue;
    const value = computed.getPropertyValue(property).trim();
    const length = typeSizeLength(value);
    if (length) root.style.setProperty(property, length);
    else if (looksLikeTypeSize(value)) {
      throw new Error(`${property}: "${value}" is not a type size (号: ${TYPE_SIZE_NAMES}; 级: 44级 or 44Q)`);
    }
  }
}
