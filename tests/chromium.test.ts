import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser } from '../src/print/chromium.js';

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
    expect(() => findBrowser({}, ['/nonexistent/chromium'])).toThrow(/apt-get install chromium/);
  });
});
