// `npm start`: a real VS Code (code-server) in your browser with the packaged extension
// installed and a scratch copy of the sample workspace open. Stops on Ctrl+C.
//
//   npm start                          dist-vsix/inkwell-linux-x64.vsix (npm run package first)
//   npm start -- --offline-demo        …with Inkwell on the generated tiny models, offline (no hub
//                                      needed; they write nonsense, but every feature runs), and the
//                                      sample workspace plus a short Markdown guide
//   npm start -- path/to/other.vsix    another VSIX
//   npm start -- --port 8080 --folder path/to/folder   (the folder is copied, not edited in place)
//
// Without --offline-demo Inkwell uses its defaults (models from the Hugging Face hub).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inkwellVsix, sampleWorkspace, startCodeServer } from './codeServer.ts';
import { offlineInkwellSettings } from './inkwellSettings.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const guide = path.join(repoRoot, 'test', 'fixtures', 'documents', 'guide.md');

/** The sample workspace (a short Markdown guide, notes and a small code file) in a temp folder. */
async function demoWorkspace(base: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'inkwell-demo-'));
  await cp(base ?? sampleWorkspace, dir, { recursive: true });
  await cp(guide, path.join(dir, 'guide.md'));
  return dir;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, folder: { type: 'string' }, 'offline-demo': { type: 'boolean', default: false } },
  });
  const demo = values['offline-demo'] === true;
  if (demo) console.log('Generating the tiny test models (reused when current)…');
  const inkwell = demo ? await offlineInkwellSettings() : undefined;
  const workspace = demo ? await demoWorkspace(values.folder) : values.folder;
  let server;
  try {
    server = await startCodeServer({
      name: 'start',
      vsix: positionals.length > 0 ? positionals : inkwellVsix,
      workspace,
      // A first start, as a new user sees it: Inkwell opens its Getting Started walkthrough.
      settings: { ...inkwell?.settings, 'workbench.welcomePage.walkthroughs.openOnInstall': true },
      machineSettings: inkwell?.machineSettings,
      port: values.port ? Number(values.port) : Number(process.env.PORT) || undefined,
      log: 'inherit',
    });
  } finally {
    // startCodeServer opened a copy of it: the demo folder is not needed any more.
    if (demo && workspace) await rm(workspace, { recursive: true, force: true });
  }
  console.log(`\nVS Code ${server.installation.vscodeVersion} with the extension: ${server.url}`);
  if (demo) console.log('Offline demo: Inkwell uses the generated tiny models (deterministic nonsense text) and never the network.');
  console.log(`Workspace copy: ${server.workspaceDir} (deleted on exit). Ctrl+C stops.\n`);
  console.error(await server.whenExited);
  await server.stop();
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
