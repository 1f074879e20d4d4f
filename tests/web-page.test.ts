import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPageRoutes } from '../src/api/web-page.js';
import { makeTempDir } from './helpers/harness.js';

async function serve(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(webPageRoutes(distDir));
  await app.ready();
  return app;
}

describe('web page routes', () => {
  let builtDir: string;
  let emptyDir: string;

  beforeAll(async () => {
    builtDir = await makeTempDir('web-dist');
    emptyDir = await makeTempDir('web-none');
    await mkdir(path.join(builtDir, 'assets'));
    await writeFile(path.join(builtDir, 'index.html'), '<!doctype html><title>callscore</title><div id="app"></div>');
    await writeFile(path.join(builtDir, 'assets', 'index-AbC123.js'), 'console.log("page")');
  });

  afterAll(async () => {
    await rm(builtDir, { recursive: true, force: true });
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('serves index.html at / and revalidates it', async () => {
    const app = await serve(builtDir);
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="app">');
    await app.close();
  });

  it('caches hashed assets as immutable', async () => {
    const app = await serve(builtDir);
    const response = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['cache-control']).toContain('max-age=31536000');
    await app.close();
  });

  it('returns 404 for unknown asset', async () => {
    const app = await serve(builtDir);
    const response = await app.inject({ method: 'GET', url: '/assets/missing-000.js' });
    expect(response.statusCode).toBe(404);
    await app.close();
  });

  it('does not serve files outside the assets folder', async () => {
    const app = await serve(builtDir);
    const response = await app.inject({ method: 'GET', url: '/assets/..%2findex.html' });
    expect(response.statusCode).toBe(404);
    await app.close();
  });

  it('returns 503 naming build command', async () => {
    const app = await serve(emptyDir);
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('npm run build:web');
    expect(response.body).toContain('网页尚未构建');
    expect(response.body).toContain('The web page is not built yet');
    await app.close();
  });

  it('starts serving once the page is built', async () => {
    const lateDir = await makeTempDir('web-late');
    const app = await serve(lateDir);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(503);

    await mkdir(path.join(lateDir, 'assets'));
    await writeFile(path.join(lateDir, 'index.html'), '<!doctype html><title>late</title>');
    await writeFile(path.join(lateDir, 'assets', 'late-1.css'), 'body{}');
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/assets/late-1.css' })).statusCode).toBe(200);
    await app.close();
    await rm(lateDir, { recursive: true, force: true });
  });
});
