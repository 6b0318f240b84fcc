import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The build lands in target/console, which Maven packs into the WAR root: index.html plus hashed files under /assets/.
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: '../../../target/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    // no inline modulepreload polyfill script: the Content-Security-Policy allows scripts from files only
    modulePreload: { polyfill: false },
    // ECharts (about 700 kB raw, 232 kB gzipped) is one chunk, loaded with the first page that draws a chart
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev` against a running platform (./telemetryflow up)
    // The platform accepts cookie sign-ins and live-tail handshakes from its own origin only: the proxy presents that.
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: true, headers: { origin: 'http://127.0.0.1:8080' } },
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true, changeOrigin: true, headers: { origin: 'http://127.0.0.1:8080' } },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
