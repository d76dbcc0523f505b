/**
 * A PDF content stream as a list of operations: each operator with the
 * source text of its operands, enough to rewrite colour operators and leave
 * everything else byte for byte as it was. Strings, names, arrays,
 * dictionaries, comments and inline images are skipped whole, so text that
 * looks like an operator inside them is never touched.
 */
export interface Operation {
  operator: string;
  /** Each operand's source text. */
  operands: string[];
  /** The operation's first and last-plus-one offset in the stream. */
  start: number;
  end: number;
}

const WHITESPACE = /[\0\t\n\f\r ]/;
const DELIMITER = /[\0\t\n\f\r ()<>[\]{}/%]/;

/** The stream's operations, in order. The text is the stream's bytes read as latin1. */
export function operations(text: string): Operation[] {
  const result: Operation[] = [];
  let operands: string[] = [];
  let start = -1;
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (WHITESPACE.test(char)) {
      at++;
      continue;
    }
    if (char === '%') {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
      continue;
    }
    const end = tokenEnd(text, at);
    if (start < 0) start = at;
    const token = text.slice(at, end);
    if (isOperator(token)) {
      const last = token === 'ID' ? inlineImageEnd(text, end) : end;
      result.push({ operator: token, operands, start, end: last });
      operands = [];
      start = -1;
      at = last;
    } else {
      operands.push(token);
      at = end;
    }
  }
  return result;
}

function isOperator(token: string): boolean {
  return /^[A-Za-z'"*][A-Za-z0-9'"*]*$/.test(token) && token !== 'true' && token !== 'false' && token !== 'null';
}

/** Where the token starting at `at` ends. */
function tokenEnd(text: string, at: number): number {
  const char = text[at];
  if (char === '(') return literalStringEnd(text, at);
  if (char === '<' && text[at + 1] === '<') return balancedEnd(text, at, '<<', '>>');
  if (char === '<') return text.indexOf('>', at) + 1 || text.length;
  if (char === '[') return balancedEnd(text, at, '[', ']');
  let end = at + 1;
  while (end < text.length && !DELIMITER.test(text[end] as string)) end++;
  return end;
}

function literalStringEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The end of an array or dictionary, skipping the strings inside it. */
function balancedEnd(text: string, at: number, open: string, close: string): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    if (text.startsWith(open, i)) {
      depth++;
      i += open.length;
    } else if (text.startsWith(close, i)) {
      i += close.length;
      if (--depth === 0) return i;
    } else if (text[i] === '(' || (text[i] === '<' && text[i + 1] !== '<')) {
      i = tokenEnd(text, i);
    } else i++;
  }
  return text.length;
}

/** An inline image's data runs from after `ID` to the `EI` that follows whitespace: `ID` takes it in. */
function inlineImageEnd(text: string, at: number): number {
  const match = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
  match.lastIndex = at;
  const found = match.exec(text);
  return found ? found.index + 3 : text.length;
}

/** The stream with some operations replaced by new text. */
export function rewrite(text: string, replacements: ReadonlyMap<Operation, string>): string {
  let result = '';
  let at = 0;
  for (const [operation, replacement] of [...replacements].sort((a, b) => a[0].start - b[0].start)) {
    result += text.slice(at, operation.start) + replacement;
    at = operation.end;
  }
  return result + text.slice(at);
}
