/** Where in a file a problem is, when there is such a place. */
export interface ErrorPlace {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
}

/**
 * A failure the user can act on: bad input, a missing file, a browser that would not start, a layout
 * that did not fit. The CLI prints its message as one line (with `file:line:column` in front when it has
 * a place) and no stack; anything else that is thrown is a bug and keeps its stack.
 */
export class BanmianError extends Error {
  override name = 'BanmianError';
  readonly place: ErrorPlace;

  constructor(message: string, place: ErrorPlace = {}, options?: ErrorOptions) {
    super(message, options);
    this.place = place;
  }

  /** `file:line:column: message`, as far as the place is known. */
  get located(): string {
    const { file, line, column } = this.place;
    if (!file) return this.message;
    const at = [file, line, line === undefined ? undefined : column].filter((part) => part !== undefined);
    return `${at.join(':')}: ${this.message}`;
  }
}

/** Whether `error` is one the user can act on (printed as one line), rather than a bug. */
export function isBanmianError(error: unknown): error is BanmianError {
  return error instanceof BanmianError;
}
