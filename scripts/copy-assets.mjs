// tsc emits only JavaScript; the store's SQL migrations are read at runtime from beside the compiled module, so
// the build copies them into dist/ (replacing the old copy, so a removed file does not linger).
import { cpSync, rmSync } from 'node:fs';

const ASSETS = [['src/store/migrations', 'dist/store/migrations']];

for (const [from, to] of ASSETS) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
