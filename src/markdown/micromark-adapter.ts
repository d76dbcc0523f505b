import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';

/**
 * The one place banmian touches micromark's internals: two walks that make a long paragraph cost the
 * square of its length, each bounded here. micromark has no hook for either, so the constructs are
 * wrapped in place; if an upgrade moves them, `installMicromarkAdapter` throws and says which.
 *
 * 1. After tokenizing inline text, micromark merges each run of adjacent `data` tokens into one
 *    (`resolveAllText` in `micromark/lib/initialize/text.js`) with an `Array#splice` per run. Every
 *    escape, code span, emphasis mark or line ending ends a run: `` `a` b `` × 40,000 took 15 s.
 *    Merging the runs first, in one pass, leaves that resolver nothing to splice.
 * 2. Before each word that could start a literal autolink (`www.`, `http`, an e-mail address),
 *    GFM walks back through the paragraph for an unclosed `[`: one `[` before 20,000 English words
 *    took 267 s. Here the walk gives up after `MAX_AUTOLINK_WALK` events and the word stays text —
 *    which prints the same, since links print as text.
 */

type Token = { type: string; end: unknown; _balanced?: boolean; _gfmAutolinkLiteralWalkedInto?: boolean };
type Event = [kind: 'enter' | 'exit', token: Token, context: unknown];
type Resolver = (events: Event[], context: unknown) => Event[];
type State = (code: number | null) => State | undefined;
interface TokenizeContext {
  events: Event[];
}
interface Construct {
  resolveAll?: Resolver;
  tokenize?: (this: TokenizeContext, effects: unknown, ok: State, nok: State) => State;
}

/** Merges each run of adjacent `data` tokens into its first token, in place, in linear time. */
export function mergeAdjacentData(events: Event[]): Event[] {
  let write = 0;
  for (let read = 0; read < events.length; read++) {
    const event = events[read] as Event;
    events[write++] = event;
    if (event[0] !== 'enter' || event[1].type !== 'data') continue;
    // The exit of the first token of the run: the same token object, which takes the run's end.
    events[write++] = events[++read] as Event;
    let next = read + 1;
    while (next < events.length && (events[next] as Event)[1].type === 'data') next++;
    if (next > read + 1) {
      event[1].end = (events[next - 1] as Event)[1].end;
      read = next - 1;
    }
  }
  events.length = write;
  return events;
}

/** How far back a literal autolink looks for an unclosed `[` (a paragraph of real text: a few hundred). */
export const MAX_AUTOLINK_WALK = 2000;

/** Whether GFM's walk back from the end of `events` would go on past `MAX_AUTOLINK_WALK` events. */
function walkGoesTooFar(events: Event[]): boolean {
  const stop = Math.max(0, events.length - MAX_AUTOLINK_WALK);
  for (let index = events.length - 1; index >= stop; index--) {
    const token = (events[index] as Event)[1];
    if (token._gfmAutolinkLiteralWalkedInto) return false;
    if ((token.type === 'labelLink' || token.type === 'labelImage') && !token._balanced) return false;
  }
  return stop > 0;
}

/** What each wrapped construct was before, so that `false` can restore micromark's own. */
const originals = new Map<Construct, Construct>();

function wrap(construct: Construct, linear: boolean, wrapped: (original: Construct) => Construct): void {
  const original = originals.get(construct) ?? { ...construct };
  originals.set(construct, original);
  Object.assign(construct, linear ? wrapped(original) : original);
}

async function textInitializers(): Promise<Construct[]> {
  const url = new URL('./lib/initialize/text.js', import.meta.resolve('micromark'));
  const module = (await import(url.href)) as Partial<Record<'text' | 'string' | 'resolver', Construct>>;
  return (['text', 'string', 'resolver'] as const).map((name) => {
    const initial = module[name];
    if (!initial?.resolveAll) throw new Error(`micromark changed: ${url.pathname} no longer has ${name}.resolveAll`);
    return initial;
  });
}

function autolinkConstructs(): Construct[] {
  const constructs = new Set(Object.values(gfmAutolinkLiteral().text ?? {}).flat() as Construct[]);
  if (constructs.size === 0 || [...constructs].some((construct) => !construct.tokenize)) {
    throw new Error('micromark-extension-gfm-autolink-literal changed: its text constructs have no tokenize');
  }
  return [...constructs];
}

/** Bounds both walks (idempotent); `false` restores micromark's own, for comparing the two. */
export async function installMicromarkAdapter(linear = true): Promise<void> {
  for (const initial of await textInitializers()) {
    wrap(initial, linear, (original) => {
      const resolveAll = original.resolveAll as Resolver;
      return { resolveAll: (events, context) => resolveAll(mergeAdjacentData(events), context) };
    });
  }
  for (const construct of autolinkConstructs()) {
    wrap(construct, linear, (original) => {
      const tokenize = original.tokenize as NonNullable<Construct['tokenize']>;
      return {
        tokenize(effects, ok, nok) {
          const start = tokenize.call(this, effects, ok, nok);
          return (code) => (walkGoesTooFar(this.events) ? nok(code) : start(code));
        },
      };
    });
  }
}
