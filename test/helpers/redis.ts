// A real Redis for tests. CI sets RAMPART_TEST_REDIS_URL (a redis-server it started); otherwise this
// starts /usr/bin/redis-server on a free port once per test file and stops it in afterAll.
// If neither works the test fails with a clear message: a Redis test never silently skips.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';

const REDIS_SERVER = '/usr/bin/redis-server';
let server: ChildProcess | undefined;
let started: Promise<string> | undefined;
const clients: Redis[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<string> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `Redis tests need a Redis: set RAMPART_TEST_REDIS_URL or install redis-server at ${REDIS_SERVER}`,
    );
  }
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start within 10 s: ${out.slice(-500)}`)),
      10_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready: ${out.slice(-500)}`));
    });
  });
  return `redis://127.0.0.1:${port}`;
}

/** The Redis URL for this test file, starting a private redis-server on first use. */
export function redisUrl(): Promise<string> {
  const fromEnv = process.env.RAMPART_TEST_REDIS_URL;
  if (fromEnv) return Promise.resolve(fromEnv);
  return (started ??= startServer());
}

/** A new connection (closed automatically after the file's tests). */
export async function redisClient(): Promise<Redis> {
  const c = new Redis(await redisUrl(), { maxRetriesPerRequest: 1, lazyConnect: true });
  clients.push(c);
  await c.connect();
  return c;
}

/** A key prefix no other test (or concurrent run against a shared CI Redis) uses. */
export const uniquePrefix = (): string => `rampart-test:${randomBytes(6).toString('hex')}:`;

afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  if (server && server.exitCode === null) {
    const s = server;
    await new Promise<void>((resolve) => {
      s.once('exit', () => resolve());
      s.kill('SIGTERM');
    });
  }
  server = undefined;
  started = undefined;
});
