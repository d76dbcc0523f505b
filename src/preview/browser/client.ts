/// <reference lib="dom" />
/**
 * In the previewed page (never in a build): hears of new versions from the
 * preview server and reloads at the page that was in view, shows errors over
 * the last good pages, tells the server whether the layout worked, and offers
 * the designer aids — guides, baseline grid, trim and bleed boxes, spreads,
 * zoom — from a small toolbar or keys. None of it prints.
 */
import type { LayoutReport } from '../../layout/browser/runtime.js';
import { drawLineGrid, LINE_GRID_CSS } from './line-grid.js';

// Served next to the preview's other URLs (events, reports), so it finds them from its own.
const eventsUrl = new URL('events', import.meta.url);
const reportUrl = new URL('report', import.meta.url);
const PLACE_KEY = 'banmian-preview-place';
const AIDS_KEY = 'banmian-preview-aids';
const version = Number(document.querySelector<HTMLMetaElement>('meta[name="banmian-version"]')?.content ?? 0);
const layout: Promise<LayoutReport> | undefined = (window as { banmian?: { layout: Promise<LayoutReport> } }).banmian
  ?.layout;

// ----- Staying in place across reloads -----

/** The printed sheets, as src/layout/browser/sheets.ts composes them. */
function sheets(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.banmian-sheet')];
}

function savePlace(): void {
  const all = sheets();
  const index = all.findIndex((sheet) => sheet.getBoundingClientRect().bottom > 0);
  if (index < 0) return;
  const rect = (all[index] as HTMLElement).getBoundingClientRect();
  sessionStorage.setItem(PLACE_KEY, JSON.stringify({ index, offset: -rect.top / rect.height }));
}

function restorePlace(): void {
  const saved = sessionStorage.getItem(PLACE_KEY);
  if (!saved) return;
  const { index, offset } = JSON.parse(saved) as { index: number; offset: number };
  const all = sheets();
  const sheet = all[Math.min(index, all.length - 1)];
  if (!sheet) return;
  const rect = sheet.getBoundingClientRect();
  window.scrollTo({ top: window.scrollY + rect.top + offset * rect.height, behavior: 'instant' });
}

function reload(): void {
  savePlace();
  location.reload();
}

// ----- Errors -----

function showProblem(message: string): void {
  let overlay = document.getElementById('banmian-overlay');
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.id = 'banmian-overlay';
    overlay.setAttribute('role', 'alert');
    document.body.append(overlay);
  }
  overlay.textContent = message;
}

function report(ok: boolean, message?: string): void {
  void fetch(reportUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version, ok, message }),
  });
}

const events = new EventSource(eventsUrl);
events.addEventListener('hello', (event) => {
  // A version came while this page was loading.
  const latest = (JSON.parse((event as MessageEvent).data) as { version: number }).version;
  if (latest !== version && latest > 0) reload();
});
events.addEventListener('update', (event) => {
  const latest = (JSON.parse((event as MessageEvent).data) as { version: number }).version;
  if (latest !== version) reload();
});
events.addEventListener('problem', (event) => {
  showProblem((JSON.parse((event as MessageEvent).data) as { message: string }).message);
});

// ----- Designer aids -----

interface Aids {
  guides: boolean;
  baseline: boolean;
  boxes: boolean;
  spreads: boolean;
  zoom: number;
}

const aids: Aids = { guides: false, baseline: false, boxes: false, spreads: false, zoom: 1, ...readAids() };

function readAids(): Partial<Aids> {
  try {
    return JSON.parse(localStorage.getItem(AIDS_KEY) ?? '{}') as Partial<Aids>;
  } catch {
    return {};
  }
}

function applyAids(): void {
  const root = document.documentElement;
  for (const name of ['guides', 'baseline', 'boxes', 'spreads'] as const) {
    root.classList.toggle(`banmian-${name}`, aids[name]);
    document.querySelector(`[data-aid="${name}"]`)?.setAttribute('aria-pressed', String(aids[name]));
  }
  // Drawn when first asked for: a long edition's grid is thousands of lines.
  if (aids.baseline) drawLineGrid();
  root.style.setProperty('--banmian-zoom', String(aids.zoom));
  const zoom = document.querySelector('[data-aid="zoom-level"]');
  if (zoom) zoom.textContent = `${Math.round(aids.zoom * 100)}%`;
  localStorage.setItem(AIDS_KEY, JSON.stringify(aids));
}

function toggle(name: 'guides' | 'baseline' | 'boxes' | 'spreads'): void {
  aids[name] = !aids[name];
  applyAids();
}

function zoomBy(factor: number): void {
  aids.zoom = factor === 0 ? 1 : Math.min(4, Math.max(0.2, Math.round(aids.zoom * factor * 100) / 100));
  applyAids();
}

const AIDS_CSS = `
@media print { #banmian-toolbar, #banmian-overlay { display: none !important; } }
#banmian-toolbar { position: fixed; top: 8px; right: 8px; z-index: 2147483647; display: flex; gap: 4px;
  padding: 4px; background: rgb(30 30 30 / 0.85); border-radius: 6px; font: 12px/1 system-ui, sans-serif; }
#banmian-toolbar button { font: inherit; color: #eee; background: transparent; border: 1px solid #666;
  border-radius: 4px; padding: 4px 6px; cursor: pointer; }
#banmian-toolbar button[aria-pressed="true"] { background: #2a6df4; border-color: #2a6df4; }
#banmian-toolbar [data-aid="zoom-level"] { color: #eee; padding: 4px; min-width: 3em; text-align: center; }
#banmian-overlay { position: fixed; left: 16px; right: 16px; bottom: 16px; z-index: 2147483647;
  max-height: 40vh; overflow: auto; white-space: pre-wrap; padding: 12px 16px; color: #fff; background: #b3261e;
  border-radius: 6px; font: 13px/1.5 ui-monospace, monospace; box-shadow: 0 2px 12px rgb(0 0 0 / 0.4); }
.banmian-sheets { transform: scale(var(--banmian-zoom, 1)); transform-origin: top center; }
.banmian-guides .banmian-sheet-area { outline: 1px dashed rgb(255 0 170 / 0.8); }
.banmian-guides .banmian-column { outline: 1px dotted rgb(0 170 255 / 0.9); }
.banmian-boxes .banmian-sheet { overflow: visible; outline: 1px dashed rgb(230 0 0 / 0.8);
  outline-offset: var(--banmian-bleed, 3mm); box-shadow: 0 0 0 1px rgb(230 0 0 / 0.9); }
.banmian-spreads .banmian-sheets { display: grid; grid-template-columns: repeat(2, max-content);
  justify-content: center; column-gap: 0; }
.banmian-spreads .banmian-sheet:first-child { grid-column: 2; }
${LINE_GRID_CSS}`;

function installToolbar(): void {
  const style = document.createElement('style');
  style.dataset.pagedjsIgnore = '';
  style.textContent = AIDS_CSS;
  document.head.append(style);

  const toolbar = document.createElement('div');
  toolbar.id = 'banmian-toolbar';
  const button = (aid: string, label: string, title: string, action: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.dataset.aid = aid;
    element.textContent = label;
    element.title = title;
    element.addEventListener('click', action);
    toolbar.append(element);
  };
  button('guides', 'Guides', 'Margin and column guides (G)', () => toggle('guides'));
  button('baseline', 'Baseline', 'Baseline grid (B)', () => toggle('baseline'));
  button('boxes', 'Trim/Bleed', 'Trim and bleed boxes (T)', () => toggle('boxes'));
  button('spreads', 'Spreads', 'Single pages or spreads (S)', () => toggle('spreads'));
  button('zoom-out', '−', 'Zoom out (-)', () => zoomBy(1 / 1.25));
  const level = document.createElement('span');
  level.dataset.aid = 'zoom-level';
  toolbar.append(level);
  button('zoom-in', '+', 'Zoom in (+)', () => zoomBy(1.25));
  document.body.append(toolbar);
  applyAids();
  bindKeys();
}

/** The aids' keys, when no field has the focus and no modifier is held. */
function bindKeys(): void {
  document.addEventListener('keydown', (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    const actions: Record<string, () => void> = {
      g: () => toggle('guides'),
      b: () => toggle('baseline'),
      t: () => toggle('boxes'),
      s: () => toggle('spreads'),
      '-': () => zoomBy(1 / 1.25),
      '+': () => zoomBy(1.25),
      '=': () => zoomBy(1.25),
      '0': () => zoomBy(0),
    };
    actions[event.key]?.();
  });
}

if (layout) {
  layout.then(
    () => {
      installToolbar();
      restorePlace();
      report(true);
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      showProblem(`Layout failed: ${message}`);
      report(false, message);
    },
  );
} else {
  const style = document.createElement('style');
  style.textContent = AIDS_CSS;
  document.head.append(style);
}
