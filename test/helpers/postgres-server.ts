/**
 * A throwaway Postgres server for tests and benches: Debian's `postgresql` binaries, a fresh data folder under
 * the temp dir, a free port on 127.0.0.1 and the socket inside the folder (so nothing touches the system
 * cluster). fsync is off: the data is thrown away. `stop()` shuts it down and removes the folder.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth. */
  readonly url: string;
  readonly version: string;
  /** Creates an empty database and returns its URL (one per test that needs a clean schema). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const INSTALL_HINT = "install Debian's postgresql (apt-get install -y postgresql)";

/** The newest `/usr/lib/postgresql/<major>/bin`, or `SWITCHYARD_PG_BIN` when set. */
function findBinDir(): string {
  const fromEnv = process.env.SWITCHYARD_PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb')))
      throw new Error(`SWITCHYARD_PG_BIN=${fromEnv} has no initdb; ${INSTALL_HINT}`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) throw new Error(`no Postgres server binaries under ${root}: ${INSTALL_HINT}`);
  return join(root, majors[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** initdb and postgres refuse to run as root, so as root everything runs as the `postgres` user. */
function command(bin: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
}

function run(bin: string, args: readonly string[], logFile?: string): Promise<string> {
  const [file, argv] = command(bin, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const log =
        logFile && existsSync(logFile) ? `\n--- server log ---\n${readFileSync(logFile, 'utf8')}` : '';
      reject(
        new Error(`${bin} ${args.join(' ')} failed: ${stderr || error.message}${log}`, { cause: error }),
      );
    });
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const binDir = findBinDir();
  // As root the server runs as `postgres`, which may not be able to enter a private TMPDIR: use /tmp.
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'switchyard-pg-'));
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'log');
  const pgCtl = join(binDir, 'pg_ctl');
  let started = false;
  // A crashed test process would otherwise leave a postmaster holding the port.
  const onExit = (): void => {
    if (started) spawnSync(...command(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    await run(join(binDir, 'initdb'), [
      ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    ]);
    // Another process may take the port between our probe and the server's bind: retry with a new one.
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await run(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-o', options, 'start'], logFile);
        started = true;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const version = await withClient(
      url,
      async (c) => (await c.query('SHOW server_version')).rows[0].server_version,
    );
    return {
      url,
      version,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name))
          throw new Error(`database name ${name} must match [a-z_][a-z0-9_]*`);
        await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        process.removeListener('exit', onExit);
        try {
          await run(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'], logFile);
        } finally {
          started = false;
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    process.removeListener('exit', onExit);
    onExit();
    throw error;
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function idOf(flag: '-u' | '-g', user: string): number {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  const id = Number(result.stdout.trim());
  if (result.status !== 0 || !Number.isInteger(id)) throw new Error(`no '${user}' user: ${INSTALL_HINT}`);
  return id;
}
const uidOf = (user: string): number => idOf('-u', user);
const gidOf = (user: string): number => idOf('-g', user);
