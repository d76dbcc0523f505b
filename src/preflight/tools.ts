import { BanmianError } from '../errors.js';
import { runTool, type ToolCommand } from '../tools.js';

/** The file is not a PDF preflight can read, or a page image it cannot measure. */
export class PreflightError extends BanmianError {
  override name = 'PreflightError';
}

/** A tool's stdout, run by the one runner (src/tools.ts): missing or failed, a ToolError in one line. */
export function tool(command: ToolCommand, args: string[]): Promise<string> {
  return runTool(command, args, 'preflight');
}
