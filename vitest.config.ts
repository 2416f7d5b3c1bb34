import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests import the public API by package name (as bitcoinjs-lib does); point it at the source so
    // a stale dist/ can never hide a failure.
    alias: { switchyard: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
