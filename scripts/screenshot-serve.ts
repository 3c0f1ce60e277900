/** Builds the app and serves it with `vite preview` on 127.0.0.1:4173 (or uses BASE_URL). */
import { spawn, spawnSync } from 'node:child_process';

export interface Served {
  url: string;
  stop(): void;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start in ${ms} ms`);
}

export async function startPreview(): Promise<Served> {
  if (process.env.BASE_URL) return { url: process.env.BASE_URL, stop() {} };
  if (!process.env.SKIP_BUILD) {
    const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const port = Number(process.env.PORT ?? 4173);
  const child = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  try {
    await waitFor(url, 20000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
