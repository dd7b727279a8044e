/**
 * The lab's build: web/ is the root, the bundled datasets in data/ are served beside the page
 * (fetched by the worker), and the library is imported from ../src directly (through src/index.ts
 * and src/lab.ts), so the lab runs the same modules as the command line.
 */
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  publicDir: here("../data"),
  build: {
    outDir: here("./dist"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    // The page imports the library through src/index.ts, which re-exports parseCsv; papaparse is
    // CommonJS, so the bundler cannot see that loading it does nothing, and would put it in the page
    // as well as in the worker (which reads the CSV). It only defines Papa, so it may be left out.
    rollupOptions: { treeshake: { moduleSideEffects: (id) => !id.includes("/node_modules/papaparse/") } },
  },
  worker: { format: "es" },
  server: { host: "127.0.0.1", port: 5173, fs: { allow: [here("..")] } },
  preview: { host: "127.0.0.1", port: 4173 },
  clearScreen: false,
});
