import { defineConfig } from 'vite';

// The console is built into the gateway's static resources: Quarkus serves target/classes/META-INF/resources at /.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: true,
    // no inline data: URLs or scripts, so that the page keeps to its Content-Security-Policy
    assetsInlineLimit: 0,
  },
});
