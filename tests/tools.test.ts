import { afterEach, describe, expect, it } from 'vitest';
import { isBanmianError } from '../src/errors.js';
import { findTool, runTool, ToolError } from '../src/tools.js';

describe('the external tool runner', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('names the command and the Debian package when a tool is not on PATH', async () => {
    process.env.PATH = '/nonexistent';
    await expect(findTool('mutool', 'proof')).rejects.toThrow('proof needs mutool (Debian: apt install mupdf-tools)');
    await expect(runTool('gs', ['--version'], '--pdfx')).rejects.toBeInstanceOf(ToolError);
  });

  it('makes a failed run a one-line error with the first line of the tool’s stderr', async () => {
    const error = await runTool('mutool', ['info', '-F', '/nonexistent.pdf'], 'proof').catch((caught) => caught);
    expect(isBanmianError(error)).toBe(true);
    expect(error.message).toMatch(/^mutool failed \(proof\): \S/);
    expect(error.message).not.toContain('\n');
  });
});
