/**
 * Regenerates the README's pictures in media/ from the end-to-end run: runs the e2e
 * scenarios that show ghost text, the status menu and a summary with
 * INKWELL_SCREENSHOTS=media (see test/e2e/pictures.ts), then prints each picture's
 * size. Run through `npm run screenshots`, which packages the VSIX first.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const media = path.join(root, 'media');
export const PICTURES = ['ghost-text.gif', 'ghost-text.png', 'status-menu.png', 'summary.png'];
const GIF_LIMIT = 1024 * 1024;

const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', 'test/e2e/inkwell.e2e.test.ts', 'test/e2e/writing.e2e.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, INKWELL_SCREENSHOTS: media },
});
if (run.status !== 0) process.exit(run.status ?? 1);
let ok = true;
for (const name of PICTURES) {
  const bytes = statSync(path.join(media, name)).size;
  console.log(`media/${name}  ${(bytes / 1024).toFixed(0)} KiB`);
  if (name.endsWith('.gif') && bytes > GIF_LIMIT) {
    console.error(`media/${name} is over 1 MiB: the Marketplace page loads it for every visitor.`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
