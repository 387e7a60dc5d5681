// `npm start`: a real VS Code (code-server) in your browser with the packaged extension
// installed and a scratch copy of the sample workspace open. Stops on Ctrl+C.
//
//   npm start                          dist-vsix/inkwell-linux-x64.vsix (npm run package first)
//   npm start -- path/to/other.vsix    another VSIX
//   npm start -- --port 8080 --folder path/to/folder   (the folder is copied, not edited in place)
import { parseArgs } from 'node:util';
import { inkwellVsix, startCodeServer } from './codeServer.ts';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, folder: { type: 'string' } },
  });
  const server = await startCodeServer({
    name: 'start',
    vsix: positionals.length > 0 ? positionals : inkwellVsix,
    workspace: values.folder,
    port: values.port ? Number(values.port) : Number(process.env.PORT) || undefined,
    log: 'inherit',
  });
  console.log(`\nVS Code ${server.installation.vscodeVersion} with the extension: ${server.url}`);
  console.log(`Workspace copy: ${server.workspaceDir} (deleted on exit). Ctrl+C stops.\n`);
  console.error(await server.whenExited);
  await server.stop();
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
