// The e2e side of src/host/chat/testHooks.ts: the extension host, started with
// INKWELL_TEST_HOOKS=<folder>, answers <name>.request.json there with <name>.response.json.
import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AskLanguageModelResult } from '../../src/host/chat/testHooks.ts';
import { waitUntil } from './wait.ts';

export class TestHooks {
  private count = 0;

  private constructor(readonly folder: string) {}

  static async create(): Promise<TestHooks> {
    return new TestHooks(await mkdtemp(path.join(os.tmpdir(), 'inkwell-test-hooks-')));
  }

  /** The environment that turns the hooks on in the extension host. */
  get env(): NodeJS.ProcessEnv {
    return { INKWELL_TEST_HOOKS: this.folder };
  }

  private async request<T>(body: Record<string, unknown>, timeoutMs: number): Promise<T> {
    const name = `${++this.count}-${String(body.action)}`;
    const file = path.join(this.folder, `${name}.request.json`);
    await writeFile(`${file}.part`, JSON.stringify(body));
    await rename(`${file}.part`, file);
    const response = path.join(this.folder, `${name}.response.json`);
    const text = await waitUntil(() => readFile(response, 'utf8'), `the extension host to answer ${name} (test hooks)`, { timeoutMs });
    const answer = JSON.parse(text) as { ok: boolean; result?: T; error?: string };
    if (!answer.ok) throw new Error(`Test hook ${name} failed: ${answer.error}`);
    return answer.result as T;
  }

  /** `vscode.lm.selectChatModels({ vendor: 'inkwell' })`, countTokens and sendRequest, in the extension host. */
  askLanguageModel(prompt: string, timeoutMs = 120_000): Promise<AskLanguageModelResult> {
    return this.request({ action: 'askLanguageModel', prompt }, timeoutMs);
  }
}
