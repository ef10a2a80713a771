import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import pkg from './package.json' with { type: 'json' };

// Where Electron's binary could not be downloaded (offline CI), npm drops the optional `electron` package;
// electron-vite then only needs its major version, which the pinned range in package.json gives.
try {
  createRequire(import.meta.url).resolve('electron/package.json');
} catch {
  process.env.ELECTRON_MAJOR_VER ??= /\d+/.exec(pkg.optionalDependencies.electron)![0];
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        // Worker entries land beside index.js, where their hosts look for them.
        input: {
          index: 'src/main/electron/index.ts',
          'embed-worker': 'src/main/search/embedders/embed-worker.ts',
          'ivf-worker': 'src/main/search/ivf/ivf-worker.ts',
          'media-worker': 'src/main/media/pipeline/media-worker.ts',
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // Sandboxed preloads cannot load ES modules.
    build: { rollupOptions: { input: { index: 'src/preload/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: { rollupOptions: { input: 'src/renderer/index.html' } },
  },
});
