// Builds the coaching page into web/dist; the API server serves it at / and /assets/*.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Current Chromium, Firefox and Safari all run ES2022.
    target: 'es2022',
  },
});
