/**
 * Test-only: lets the chat e2e ask Inkwell's language model through VS Code's
 * public `vscode.lm` API, as any other extension would. Active only when the
 * extension host runs with INKWELL_TEST_HOOKS=<absolute folder>: the test writes
 * `<name>.request.json` there and reads `<name>.response.json`. No command, no
 * palette entry, nothing in package.json; without the variable nothing runs.
 */
import { watch } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LM_VENDOR } from './languageModelProvider';

export const TEST_HOOKS_ENV = 'INKWELL_TEST_HOOKS';
const REQUEST = '.request.json';

export interface AskLanguageModelResult {
  model: { name: string; vendor: string; id: string; maxInputTokens: number };
  promptTokens: number;
  text: string;
}

/** Selects Inkwell's first model, counts the prompt's tokens and streams its answer. */
async function askLanguageModel(prompt: string): Promise<AskLanguageModelResult> {
  const [model] = await vscode.lm.selectChatModels({ vendor: LM_VENDOR });
  if (!model) throw new Error('No Inkwell language model is available.');
  const promptTokens = await model.countTokens(prompt);
  const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(prompt)], {});
  let text = '';
  for await (const piece of response.text) text += piece;
  return { model: { name: model.name, vendor: model.vendor, id: model.id, maxInputTokens: model.maxInputTokens }, promptTokens, text };
}

async function answer(folder: string, file: string, log: vscode.LogOutputChannel): Promise<void> {
  const name = file.slice(0, -REQUEST.length);
  let body: unknown;
  try {
    const request = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as { action?: string; prompt?: string };
    if (request.action !== 'askLanguageModel') throw new Error(`unknown action ${String(request.action)}`);
    body = { ok: true, result: await askLanguageModel(request.prompt ?? 'Say hello.') };
  } catch (err) {
    body = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  log.info(`Test hooks: answered ${file}.`);
  const target = path.join(folder, `${name}.response.json`);
  await writeFile(`${target}.part`, JSON.stringify(body));
  await rename(`${target}.part`, target);
}

/** Answers request files in the folder INKWELL_TEST_HOOKS names; a no-op without it. */
export function registerTestHooks(env: NodeJS.ProcessEnv, log: vscode.LogOutputChannel): vscode.Disposable {
  const folder = env[TEST_HOOKS_ENV];
  if (!folder) return new vscode.Disposable(() => undefined);
  if (!path.isAbsolute(folder)) {
    log.warn(`Test hooks: not registered (${TEST_HOOKS_ENV} must be an absolute folder, got ${JSON.stringify(folder)}).`);
    return new vscode.Disposable(() => undefined);
  }
  const seen = new Set<string>();
  const scan = async (): Promise<void> => {
    for (const file of await readdir(folder)) {
      if (!file.endsWith(REQUEST) || seen.has(file)) continue;
      seen.add(file);
      void answer(folder, file, log);
    }
  };
  const report = (err: unknown): void => log.error(`Test hooks: ${String(err)}`);
  try {
    const watcher = watch(folder, () => void scan().catch(report));
    void scan().catch(report);
    log.info(`Test hooks: registered (${TEST_HOOKS_ENV}=${folder}); answering *${REQUEST} written there.`);
    return new vscode.Disposable(() => watcher.close());
  } catch (err) {
    log.warn(`Test hooks: not registered: ${String(err)}`);
    return new vscode.Disposable(() => undefined);
  }
}
