// Bundles the function into ONE file, dist/index.js (CommonJS, node20, minified), with the
// configuration inlined: EDGE_CONFIG=path/to/config.json, else ./config.json next to this file.
// Usage: node build.mjs [--outfile path]
import { build } from "esbuild";
import { readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateConfig } from "./src/config.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outfile = resolve(args.includes("--outfile") ? args[args.indexOf("--outfile") + 1] : resolve(here, "dist/index.js"));
const configPath = resolve(process.env.EDGE_CONFIG || resolve(here, "config.json"));
let configText;
try {
  configText = readFileSync(configPath, "utf8");
} catch {
  console.error(`edge-auth build: no configuration at ${configPath} (copy config.example.json to config.json or set EDGE_CONFIG)`);
  process.exit(2);
}
validateConfig(JSON.parse(configText)); // fail the build, not the first request

await build({
  entryPoints: [resolve(here, "src/index.js")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [{
    name: "edge-config",
    setup(b) {
      b.onResolve({ filter: /^edge-config$/ }, () => ({ path: configPath, namespace: "edge-config" }));
      b.onLoad({ filter: /.*/, namespace: "edge-config" }, () => ({ contents: configText, loader: "json" }));
    },
  }],
});
// The package is ESM ("type": "module"); mark dist/ as CommonJS so Node loads the bundle as Lambda does.
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(resolve(dirname(outfile), "package.json"), '{ "type": "commonjs" }\n');
console.log(`edge-auth build: ${outfile} ${statSync(outfile).size} bytes (config ${configPath})`);
