/**
 * `@inkwell /translate`: the translation model (picked as "Translate Selection" picks
 * it) where Inkwell's translation models know the language, else the instruction
 * model; through the real runner on the generated models (tiny-bart, tiny-llama).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type * as vscode from 'vscode';
import { readConfig, type Config } from '../../src/config';
import { answerChat, type ChatAnswerDeps, type ChatRequestData, type ChatStreamLike } from '../../src/host/chat/chatAnswer';
import { translationLanguageCode } from '../../src/host/chat/chatTranslate';
import { Methods } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, type TestRunner } from './runnerHarness';

/** VS Code's response stream as a plain object that records what it was given. */
class RecordingStream implements ChatStreamLike {
  readonly markdowns: string[] = [];
  readonly buttons: vscode.Command[] = [];
  markdown(value: string): void {
    this.markdowns.push(value);
  }
  progress(): void {}
  button(command: vscode.Command): void {
    this.buttons.push(command);
  }
}

const PARAGRAPH = 'The ferry to the island leaves every twenty minutes in summer and every forty minutes in winter.';

describe('@inkwell /translate on the real runner', () => {
  let runner: TestRunner;
  let llama: string;
  let bart: string;
  let config: Config;
  const asked: string[] = [];
  const token = new CancellationTokenSource().token;

  before(async () => {
    [llama, bart] = await Promise.all([ensureFixture('tiny-llama'), ensureFixture('tiny-bart')]);
    runner = startTestRunner();
    const defaults = readConfig({ get: ((_key: string, fallback?: unknown) => fallback) as vscode.WorkspaceConfiguration['get'] });
    config = { ...defaults, instructionModel: llama, translationModel: bart, translateSource: 'en', dtype: 'fp32', temperature: 0 };
  });
  after(() => runner.client.dispose());

  const deps = (): ChatAnswerDeps => ({
    client: runner.client,
    config: () => config,
    modelReady: async (model) => asked.push(`instruction ${model}`) > 0,
    translationReady: async (model) => asked.push(`translation ${model}`) > 0,
  });
  const request = (prompt: string): ChatRequestData => ({
    command: 'translate',
    prompt,
    pieces: [{ label: 'Selection in harbour.md, line 3', text: PARAGRAPH, firstLine: 3 }],
    history: [],
    hasSelection: true,
  });

  it('knows the languages of the translation models by name or code', () => {
    assert.equal(translationLanguageCode('French'), 'fr');
    assert.equal(translationLanguageCode('de'), 'de');
    assert.equal(translationLanguageCode('Klingon'), undefined);
  });

  it('translates into French with the translation model, streamed, with the buttons', async () => {
    asked.length = 0;
    const stream = new RecordingStream();
    const answer = await answerChat(deps(), request('into French'), stream, token);
    assert.deepEqual(asked, [`translation ${bart}`]);
    const direct = await runner.client.request(Methods.translate, { model: bart, dtype: 'fp32', text: PARAGRAPH, maxNewTokens: Math.ceil(PARAGRAPH.length / 2) });
    assert.equal(answer.text, direct.text.trim());
    assert.equal(stream.markdowns.join('').trim(), answer.text);
    assert.deepEqual(stream.buttons.map((b) => b.arguments?.[0]), [answer.text, answer.text]);
  });

  it('a language the translation models do not know goes to the instruction model', async () => {
    asked.length = 0;
    const answer = await answerChat(deps(), request('Klingon'), new RecordingStream(), token);
    assert.deepEqual(asked, [`instruction ${llama}`]);
    assert.ok(answer.text, 'the instruction model answered');
  });

  it('when the translation model is not available (download declined) the instruction model answers', async () => {
    asked.length = 0;
    const declined = { ...deps(), translationReady: async (model: string) => asked.push(`translation ${model}`) < 0 };
    await answerChat(declined, request('German'), new RecordingStream(), token);
    assert.deepEqual(asked, [`translation ${bart}`, `instruction ${llama}`]);
  });
});
