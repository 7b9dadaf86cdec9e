// Builds the bench pages (tests/bench/pages/*.html) into out/renderer/bench/, beside the renderer the browser host
// serves, so they load from the host's origin (its media server) at /bench/<name>.html. Only the bench scripts
// run it (`npm run build:bench`), after `electron-vite build`, which empties out/renderer: the product's build
// holds no bench page.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const alias = { '@shared': fileURLToPath(new URL('../../shared', import.meta.url)) };
const pages = (name: string) => fileURLToPath(new URL(`./pages/${name}.html`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./pages', import.meta.url)),
  base: './',
  resolve: { alias },
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../../out/renderer/bench', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { map: pages('map'), video: pages('video') } },
  },
});
