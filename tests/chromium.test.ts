import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, chromiumArgsFor, findBrowser, isHeadlessShell } from '../src/print/chromium.js';

describe('findBrowser', () => {
  it('prefers PUPPETEER_EXECUTABLE_PATH', () => {
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: process.execPath }, [])).toBe(process.execPath);
  });

  it('rejects a PUPPETEER_EXECUTABLE_PATH that is not executable', () => {
    expect(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, [])).toThrow(
      /PUPPETEER_EXECUTABLE_PATH is \/nonexistent\/chrome/,
    );
  });

  it('takes the first system browser that exists', () => {
    expect(findBrowser({}, ['/nonexistent/chromium', process.execPath])).toBe(process.execPath);
  });

  it('says how to install a browser when there is none', () => {
    expect(() => findBrowser({}, ['/nonexistent/chromium'])).toThrow(BrowserNotFoundError);
    expect(() => findBrowser({}, ['/nonexistent/chromium'])).toThrow(/apt-get install chromium-headless-shell/);
  });
});

describe('chromiumArgsFor', () => {
  it('tells a full browser to run headless, and not a headless shell, which is nothing else', () => {
    expect(chromiumArgsFor('/usr/bin/chromium')).toContain('--headless=new');
    expect(chromiumArgsFor('/usr/lib/chromium/chromium-headless-shell')).not.toContain('--headless=new');
    expect(chromiumArgsFor('/opt/chrome-headless-shell/linux64/chrome-headless-shell')).not.toContain('--headless=new');
    expect(isHeadlessShell('/opt/chrome/headless_shell')).toBe(true);
  });

  it('asks every browser for the tagged PDF and its outline', () => {
    for (const browser of ['/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell']) {
      expect(chromiumArgsFor(browser)).toEqual(
        expect.arrayContaining(['--export-tagged-pdf', '--generate-pdf-document-outline']),
      );
    }
  });
});
