// The dashboard (web/) built with Vite into dist-web/, which the API server serves at `/`. Preact through oxc's
// JSX transform: no plugin, so no Babel.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    // echarts (tree-shaken to the line and bar charts) is most of the one bundle; hashed, it is cached for a year.
    chunkSizeWarningLimit: 900,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
