import type { Parent, Root, RootContent } from 'mdast';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';

export interface LimitNestingOptions {
  /** Deepest nesting of block quotes and lists kept as it is. */
  maxDepth?: number;
}

const CONTAINERS = new Set<RootContent['type']>(['blockquote', 'list', 'listItem']);

/**
 * Block quotes and lists nested deeper than a page can show (and than the
 * HTML tools after this can walk without running out of stack) are flattened:
 * their contents stay, in order, one level up. A warning says where.
 */
export const remarkLimitNesting: Plugin<[LimitNestingOptions?], Root> = (options = {}) => {
  const maxDepth = options.maxDepth ?? 32;
  return (tree: Root, file: VFile) => {
    let warned = false;
    // Depth-first with an explicit stack: the tree may be thousands of levels deep.
    const stack: Array<{ parent: Parent; depth: number }> = [{ parent: tree, depth: 0 }];
    while (stack.length > 0) {
      const { parent, depth } = stack.pop() as { parent: Parent; depth: number };
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i] as RootContent;
        if (!('children' in child) || !CONTAINERS.has(child.type)) {
          if ('children' in child) stack.push({ parent: child as Parent, depth });
          continue;
        }
        if (depth < maxDepth) {
          stack.push({ parent: child as Parent, depth: depth + 1 });
          continue;
        }
        if (!warned) {
          warned = true;
          file.message(`Quotations or lists nested more than ${maxDepth} deep are set flat from here`, {
            ...(child.position ? { place: child.position.start } : {}),
            ruleId: 'limit-nesting',
            source: 'banmian',
          });
        }
        parent.children.splice(i, 1, ...flatten(child as Parent));
        i--; // look at what took its place
      }
    }
  };
};

/** The blocks inside nested containers, in order, without the containers. */
function flatten(container: Parent): RootContent[] {
  const blocks: RootContent[] = [];
  const pending: RootContent[] = [...(container.children as RootContent[])].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as RootContent;
    if ('children' in node && CONTAINERS.has(node.type))
      pending.push(...[...(node.children as RootContent[])].reverse());
    else blocks.push(node);
  }
  return blocks;
}
