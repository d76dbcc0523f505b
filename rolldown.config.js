// The CLI as a few bundled files (dist/bundle/): loading the unified ecosystem's hundreds of small
// modules one by one took Node about half a second of every cold build. Packages that find their
// own files at run time (harfbuzz's wasm, Puppeteer's browser downloader) or are large and loaded
// late stay external, loaded from node_modules. Only the whole of 'puppeteer-core' is external
// (reaching a browser at a WebSocket address): its DevTools-protocol connector, which every local
// build loads on its critical path, is bundled. micromark stays external so that
// src/markdown/micromark-adapter.ts wraps the very constructs the parser runs (about 35 ms of a
// cold build).
//
// The preview's page script (src/preview/browser/client.ts and the modules it imports, the names of
// contract.ts among them) is bundled into one file for the browser, which the preview serves at one URL.
import { defineConfig } from 'rolldown';

export default defineConfig([
  {
    input: { main: 'dist/cli/main.js' },
    platform: 'node',
    external: [
      'puppeteer-core',
      'micromark',
      'pdf-lib',
      'subset-font',
      'chokidar',
      'open',
      'write-file-atomic',
      'pngjs',
      'pixelmatch',
    ],
    output: {
      dir: 'dist/bundle',
      format: 'esm',
      sourcemap: true,
      chunkFileNames: '[name]-[hash].js',
    },
  },
  {
    input: { 'preview-client': 'dist/preview/browser/client.js' },
    platform: 'browser',
    output: { dir: 'dist/bundle', format: 'esm', sourcemap: true },
  },
]);
