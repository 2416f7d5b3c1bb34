// The dashboard (web/) built with Vite into dist-web/, which the API server serves at `/`. Preact through oxc's
// JSX transform: no plugin, so no Babel.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    // echarts is most of the bundle; it is split into its own chunk and cached for a year (hashed name).
    chunkSizeWarningLimit: 900,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
