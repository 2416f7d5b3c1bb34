import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFolder } from './folder-lock.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'switchyard-lock-'));

describe('lockFolder', () => {
  it('refuses a second taker while the owner lives, and frees the folder on release', () => {
    const dir = folder();
    const release = lockFolder(dir);
    expect(() => lockFolder(dir)).toThrow(/is in use by this process/);
    release();
    expect(existsSync(join(dir, 'switchyard.pid'))).toBe(false);
    lockFolder(dir)();
  });

  it('takes over the file of a dead owner', () => {
    const dir = folder();
    // Far above any pid this machine hands out.
    writeFileSync(join(dir, 'switchyard.pid'), '99999999');
    const release = lockFolder(dir);
    expect(readFileSync(join(dir, 'switchyard.pid'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('leaves a lock that is no longer its own (the folder was emptied and taken by another process)', () => {
    const dir = folder();
    const release = lockFolder(dir);
    writeFileSync(join(dir, 'switchyard.pid'), '1');
    release();
    expect(readFileSync(join(dir, 'switchyard.pid'), 'utf8')).toBe('1');
  });
});
