import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * The DevTools protocol over the pipes of a Chromium started with
 * `--remote-debugging-pipe` (its fds 3 and 4): messages are JSON, each ended
 * by a NUL byte. No port is opened, so no other local process can drive the
 * browser.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  private pending: Buffer[] = [];
  private closed = false;
  private ended = false;
  private closeListener: (() => void) | undefined;

  /** Told when the browser's end of the pipe closes — also if it closed before anyone listened. */
  get onclose(): (() => void) | undefined {
    return this.closeListener;
  }

  set onclose(listener: (() => void) | undefined) {
    this.closeListener = listener;
    if (this.ended && listener) queueMicrotask(listener);
  }

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    fromBrowser.on('close', () => {
      this.closed = true;
      this.ended = true;
      this.closeListener?.();
    });
    // A browser that went away: the close above says so.
    fromBrowser.on('error', () => {});
    toBrowser.on('error', () => {});
  }

  send(message: string): void {
    if (this.closed) return;
    this.toBrowser.write(message);
    this.toBrowser.write('\0');
  }

  close(): void {
    this.closed = true;
    this.toBrowser.end();
  }

  private receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.pending.push(chunk);
      return;
    }
    let start = 0;
    let message = Buffer.concat([...this.pending, chunk.subarray(0, end)]).toString();
    this.pending = [];
    while (end !== -1) {
      const complete = message;
      // Puppeteer expects each message in a task of its own, as from a WebSocket.
      setImmediate(() => this.onmessage?.(complete));
      start = end + 1;
      end = chunk.indexOf(0, start);
      if (end !== -1) message = chunk.subarray(start, end).toString();
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }
}
