// Builds the three Electron targets (main + CLI/browser host, preload, renderer) into out/.
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron shell and the plain-Node CLI (browser host) share the core chunk.
          index: 'electron/main/index.ts',
          cli: 'electron/cli.ts',
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        // CommonJS keeps the preload loadable with `sandbox: true` (sandboxed preloads cannot be ESM).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [vue()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      chunkSizeWarningLimit: 2000,
      // The product's one page; the bench pages are built apart (tests/bench/vite.config.ts).
      rollupOptions: { input: { index: 'renderer/index.html' } },
    },
  },
});
