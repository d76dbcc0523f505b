// The parts of Paged.js 0.4.3 (loaded as the UMD global `Paged`) that banmian uses.
declare namespace Paged {
  interface Page {
    element: HTMLElement;
    area: HTMLElement;
    /** Stops re-flowing the page when its size changes. */
    removeListeners(): void;
  }
  interface Flow {
    total: number;
    pages: Page[];
    performance: number;
  }
  class Handler {
    constructor(chunker: unknown, polisher: unknown, caller: unknown);
  }
  interface Chunker {
    /** The queue that lays out one page per call of `tick` (requestAnimationFrame). */
    q: { tick: (callback: () => void) => void };
  }
  class Previewer {
    constructor(options?: Record<string, unknown>);
    chunker: Chunker;
    preview(
      content?: Node,
      stylesheets?: Array<string | Record<string, string>>,
      renderTo?: HTMLElement,
    ): Promise<Flow>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
  function registerHandlers(...handlers: Array<typeof Handler>): void;
}
