// Desktop integration tests (`npm run test:vscode`): @vscode/test-cli downloads VS Code
// once (needs the network) and runs test/vscode/*.test.ts, bundled into dist/test-vscode/,
// inside it with Inkwell loaded from this folder.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'dist/test-vscode/*.test.js',
  workspaceFolder: 'test/e2e/workspace',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 120_000 },
});
