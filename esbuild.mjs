// One small build script: esbuild emits, `tsc --noEmit` (npm run check-types) type-checks.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const sharpStub = fileURLToPath(new URL('./src/runner/sharpStub.ts', import.meta.url));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'info',
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/runner/main.ts'],
    outfile: 'dist/runner.js',
    external: ['onnxruntime-node', 'onnxruntime-common'],
    alias: { sharp: sharpStub },
    // transformers.js reads import.meta.url; give the CJS bundle a value for it.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  },
  // The Playground page's script (a browser bundle; its stylesheet is media/playground.css).
  { ...common, entryPoints: ['src/webview/playground.ts'], outfile: 'media/playground.js', platform: 'browser', format: 'iife', target: 'chrome120', sourcemap: false },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
