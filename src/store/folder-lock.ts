/**
 * @module store/folder-lock
 * PGlite has no postmaster to refuse a second process, and two processes writing one data folder corrupt it.
 * A pid file taken with O_EXCL stands in: a live owner is refused with a clear message, a dead one's stale
 * file is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors.ts';

const LOCK_FILE = 'switchyard.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder for this process; returns the release function. */
export function lockFolder(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      // Only our own file: if the folder was emptied and taken by another process meanwhile, its lock stays.
      return () => {
        if (ownerOf(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(path);
      if (owner !== undefined && alive(owner)) {
        const who = owner === process.pid ? 'this process (close the other store first)' : `process ${owner}`;
        throw new StoreError(
          'open',
          `${dataDir} is in use by ${who}; a PGlite folder takes one process at a time (if none is running, delete ${path})`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new StoreError('open', `could not take ${path}; another process keeps creating it`);
}
