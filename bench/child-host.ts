/**
 * A benchmark's simulated site in a second process, so the process measured shares only the cores with it: the
 * child (a `*-host.ts` module under tsx) sends what it serves over IPC once up, and stops when told.
 */
import { fork } from 'node:child_process';

export async function withChildHost<Host, T>(entry: URL, use: (host: Host) => Promise<T>): Promise<T> {
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const host = await new Promise<Host>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Host));
      child.once('exit', (code) => reject(new Error(`${entry.pathname} exited (${code}) before it was up`)));
    });
    return await use(host);
  } finally {
    const stopped = new Promise((resolve) => child.once('exit', resolve));
    child.send({ stop: true });
    await stopped;
  }
}
