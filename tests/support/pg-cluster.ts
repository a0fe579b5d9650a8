import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Debian's PostgreSQL binaries (apt-get install postgresql), the newest version installed; PG_BIN overrides. */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((x, y) => Number(y) - Number(x))
    : [];
  return join(root, versions[0] ?? '15', 'bin');
}
const PG_BIN = pgBin();

export interface PgCluster {
  /** A superuser URL of the cluster's `postgres` database (trust auth, 127.0.0.1 only). */
  readonly adminUrl: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** initdb and the server refuse to run as root: as root, run them as the `postgres` user. */
function asClusterOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[]): void {
  const [file, argv] = asClusterOwner(command, args);
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
}

/**
 * A throwaway PostgreSQL cluster for tests and the bench: a temp directory
 * owned by the cluster's user, listening on a free loopback port (its unix
 * socket in that directory too), tuned for speed over durability (fsync off:
 * nothing in it outlives the run). stop() shuts it down and deletes it.
 */
export async function startPgCluster(): Promise<PgCluster> {
  if (!existsSync(join(PG_BIN, 'initdb')))
    throw new Error(`PostgreSQL is not installed (no ${PG_BIN}/initdb; apt-get install -y postgresql)`);
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      const [file, argv] = asClusterOwner(join(PG_BIN, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-s']);
      spawnSync(file, argv);
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // C collation: text sorts byte-wise, as it does in SQLite.
    run(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--locale=C', '-E', 'UTF8', '-N']);
    const settings = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      '-c max_connections=400',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c shared_buffers=64MB',
    ].join(' ');
    run(join(PG_BIN, 'pg_ctl'), ['start', '-D', data, '-w', '-t', '30', '-s', '-l', join(dir, 'log'), '-o', settings]);
    started = true;
  } catch (error) {
    stop();
    throw error;
  }
  return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

let counter = 0;

/** A new, empty database in the cluster; returns its URL. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `kiosk_${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}" template template0`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
