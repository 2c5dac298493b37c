import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The officer application is built into web/dist and served by the Custodia server at `/`.
// Each screen is its own chunk (lazy routes), so signing in and the dashboard load only what they use.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: { port: 18171, proxy: { '/api': 'http://127.0.0.1:18170', '/healthz': 'http://127.0.0.1:18170' } },
});
