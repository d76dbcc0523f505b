import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Change, Version } from './versions.js';

/** What the page reports once its layout is done or has failed. */
export interface LayoutReport {
  version: number;
  ok: boolean;
  message?: string;
}

/** A state the preview rests in between builds. */
type Settled =
  /** Nothing built yet. */
  | { name: 'idle' }
  /** `version` is served, with no error over it. */
  | { name: 'showing'; version: Version }
  /** The last build or layout failed: `message` is shown over `version`, the last good one (if any). */
  | { name: 'failed'; message: string; version: Version | undefined };

/** A build is running; meanwhile the page keeps what it had, and a layout report can still change that. */
type Building = { name: 'building'; meanwhile: Settled };

export type PreviewState = Settled | Building;

/** The open pages, told of new versions and errors through server-sent events. */
class PageEvents {
  private readonly pages = new Set<ServerResponse>();

  open(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.pages.add(response);
    request.on('close', () => this.pages.delete(response));
  }

  send(event: string, data: unknown, to: Iterable<ServerResponse> = this.pages): void {
    for (const response of to) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close(): void {
    for (const response of this.pages) response.end();
  }
}

/**
 * What the preview serves, as a state machine: idle → building → showing or failed, and from there
 * building again on each save. A version that fails — in the Markdown, the template, a stylesheet, or
 * in the page's layout — is not served: the last good version stays, with the error shown over it.
 */
export class PreviewSession {
  state: PreviewState = { name: 'idle' };
  /** The last version the page reported as laid out: where a failed layout goes back to. */
  private lastGood: Version | undefined;
  private readonly events = new PageEvents();

  constructor(
    private readonly build: (change: Change) => Promise<Version>,
    private readonly log: (line: string) => void,
  ) {}

  /** The version served, if one was built. */
  get shown(): Version | undefined {
    const settled = this.settled;
    return settled.name === 'idle' ? undefined : settled.version;
  }

  /** The error shown over the page, if the last build or layout failed. */
  get problem(): string | undefined {
    const settled = this.settled;
    return settled.name === 'failed' ? settled.message : undefined;
  }

  async rebuild(change: Change): Promise<void> {
    const started = performance.now();
    this.state = { name: 'building', meanwhile: this.settled };
    try {
      const version = await this.build(change);
      this.state = { name: 'showing', version };
      const what = change === 'content' ? 'Markdown' : 'template and styles';
      this.log(`banmian preview: version ${version.number} (${what}) in ${Math.round(performance.now() - started)} ms`);
      this.events.send('update', { version: version.number });
    } catch (error) {
      this.state = this.settled;
      this.fail(error instanceof Error ? error.message : String(error), this.shown);
    }
  }

  /** A laid-out version becomes the one to go back to; a failed one sends the page back to that. */
  report({ version, ok, message }: LayoutReport): void {
    const shown = this.shown;
    if (!shown || version !== shown.number) return;
    if (ok) {
      this.lastGood = shown;
      return;
    }
    const back = this.lastGood ?? shown;
    this.fail(`layout: ${message ?? 'failed'}`, back);
    if (back !== shown) this.events.send('update', { version: back.number });
  }

  /** A page listening for versions: told at once which version is current, and of any error. */
  listen(request: IncomingMessage, response: ServerResponse): void {
    this.events.open(request, response);
    this.events.send('hello', { version: this.shown?.number ?? 0 }, [response]);
    const problem = this.problem;
    if (problem) this.events.send('problem', { message: problem }, [response]);
  }

  close(): void {
    this.events.close();
  }

  private get settled(): Settled {
    return this.state.name === 'building' ? this.state.meanwhile : this.state;
  }

  private fail(message: string, version: Version | undefined): void {
    const failed: Settled = { name: 'failed', message, version };
    // A layout report during a build changes what is shown meanwhile; the build's end decides the rest.
    this.state = this.state.name === 'building' ? { name: 'building', meanwhile: failed } : failed;
    this.log(`banmian preview: error: ${message}`);
    this.events.send('problem', { message });
  }
}
