/**
 * Serves the built coaching page (web/dist, made by `npm run build:web`):
 * index.html at / and the hashed bundles under /assets/. These routes are
 * public; the page signs in through the /v1/ API.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PROJECT_ROOT } from '../config/config.js';

/** Folder that `npm run build:web` writes the page to. */
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'web', 'dist');

// Both languages at once, because the page that would pick one is not built.
const NOT_BUILT_HTML = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>callscore</title></head>
<body>
<p>网页尚未构建：请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。</p>
<p lang="en">The web page is not built yet: run <code>npm run build:web</code> in the project folder, then reload this page.</p>
</body>
</html>
`;

/**
 * Registers GET / and GET /assets/*. Vite puts a content hash in every asset
 * name, so assets are cached for a year as immutable, while index.html is
 * revalidated on each load so a new build shows at once. When the page has
 * not been built, GET / returns 503 with a short text naming the build command.
 */
export function webPageRoutes(distDir: string = WEB_DIST_DIR): FastifyPluginAsync {
  return async (app) => {
    await app.register(fastifyStatic, {
      root: path.join(distDir, 'assets'),
      prefix: '/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
      // A missing folder is the "not built" case that GET / reports; the plugin need not warn too.
      suppressWarning: true,
    });

    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      if (!existsSync(path.join(distDir, 'index.html'))) {
        request.log.warn({ distDir }, 'web page not built');
        return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_HTML);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir, { cacheControl: false });
    });
  };
}
