/**
 * The `@inkwell` participant's answer and the language-model provider, end to
 * end through the real runner on the generated instruction model (tiny-llama,
 * with a chat template). VS Code's response stream and progress are plain
 * objects that record what they were given: that is VS Code glue, not the model stack.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type * as vscode from 'vscode';
import { readConfig, type Config } from '../../src/config';
import { answerChat, INSERT_ANSWER_COMMAND, REPLACE_SELECTION_COMMAND, type ChatRequestData, type ChatStreamLike } from '../../src/host/chat/chatAnswer';
import { InkwellLanguageModels } from '../../src/host/chat/languageModelProvider';
import { Methods } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, type TestRunner } from './runnerHarness';

/** VS Code's response stream as a plain object that records what it was given. */
class RecordingStream implements ChatStreamLike {
  readonly markdowns: string[] = [];
  readonly progresses: string[] = [];
  readonly buttons: vscode.Command[] = [];
  constructor(private readonly onMarkdown?: (text: string) => void) {}
  markdown(value: string): void {
    this.markdowns.push(value);
    this.onMarkdown?.(value);
  }
  progress(value: string): void {
    this.progresses.push(value);
  }
  button(command: vscode.Command): void {
    this.buttons.push(command);
  }
}

const defaults = (): Config => readConfig({ get: ((_key: string, fallback?: unknown) => fallback) as vscode.WorkspaceConfiguration['get'] });

const PARAGRAPH = 'The ferry to the island leaves every twenty minutes in summer and every forty minutes in winter.';

describe('@inkwell on the real runner', () => {
  let runner: TestRunner;
  let llama: string;
  let config: Config;
  const countCalls: number[] = [];

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    runner = startTestRunner();
    config = { ...defaults(), instructionModel: llama, dtype: 'fp32', temperature: 0 };
  });
  after(() => runner.client.dispose());

  const deps = () => ({
    client: {
      request: ((type, params, token) => {
        if (type === Methods.countTokens) countCalls.push((params as { texts: string[] }).texts.length);
        return runner.client.request(type, params, token);
      }) as typeof runner.client.request,
      stream: runner.client.stream.bind(runner.client),
    },
    config: () => config,
    modelReady: async () => true,
  });

  const request = (over: Partial<ChatRequestData> = {}): ChatRequestData => ({
    command: 'summarize',
    prompt: '',
    pieces: [{ label: 'Selection in harbour.md, line 3', text: PARAGRAPH, firstLine: 3 }],
    history: [],
    hasSelection: true,
    ...over,
  });

  it('/summarize streams the answer as Markdown and offers Insert and Replace with the whole answer', async () => {
    const stream = new RecordingStream();
    const answer = await answerChat(deps(), request(), stream, new CancellationTokenSource().token);
    const seen = stream;
    assert.equal(answer.task, 'summarize');
    assert.ok(answer.text && answer.text.length > 0, 'the model wrote something');
    assert.ok(seen.markdowns.length > 1, `streamed in pieces (${seen.markdowns.length})`);
    assert.equal(seen.markdowns.join('').trim(), answer.text, 'what streamed is the answer, with no note (everything fitted)');
    assert.deepEqual(
      seen.buttons.map((b) => [b.command, b.arguments]),
      [
        [INSERT_ANSWER_COMMAND, [answer.text]],
        [REPLACE_SELECTION_COMMAND, [answer.text]],
      ],
    );
    assert.ok(countCalls.length > 0, 'planned with the model tokenizer');
  });

  it('the same request gives the same answer (greedy), and the history changes the prompt the model sees', async () => {
    const first = await answerChat(deps(), request(), new RecordingStream(), new CancellationTokenSource().token);
    const again = await answerChat(deps(), request(), new RecordingStream(), new CancellationTokenSource().token);
    assert.equal(first.text, again.text);
    const withHistory = await answerChat(
      deps(),
      request({ command: undefined, prompt: 'Shorter, please.', pieces: [], history: [{ role: 'user', text: '/summarize' }, { role: 'assistant', text: first.text! }] }),
      new RecordingStream(),
      new CancellationTokenSource().token,
    );
    assert.equal(withHistory.task, 'ask');
    assert.ok(withHistory.text !== undefined);
  });

  it('a file larger than the model reads is cut, and the answer starts by saying which lines were left out', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Line ${i + 1}: ${PARAGRAPH}`).join('\n');
    const stream = new RecordingStream();
    const answer = await answerChat(deps(), request({ pieces: [{ label: 'File harbour.md', text: long, firstLine: 1 }], hasSelection: false }), stream, new CancellationTokenSource().token);
    const seen = stream;
    assert.match(seen.markdowns[0]!, /^> _Inkwell left out, to fit the model's 2,048-token context:_ File harbour\.md: lines \d+–400\.\n\n$/);
    assert.ok(answer.text !== undefined, 'and it still answers (the runner accepted the planned prompt)');
    assert.deepEqual(
      seen.buttons.map((b) => b.command),
      answer.text ? [INSERT_ANSWER_COMMAND] : [],
      'no Replace without a selection',
    );
  });

  it('without a selection or reference it says what to do and does not call the model', async () => {
    const before = countCalls.length;
    const stream = new RecordingStream();
    const answer = await answerChat(deps(), request({ pieces: [], hasSelection: false }), stream, new CancellationTokenSource().token);
    assert.equal(answer.text, undefined);
    assert.match(stream.markdowns.join(''), /Select some text.*@inkwell \/summarize/);
    assert.equal(countCalls.length, before);
  });

  it('Cancel stops the stream: no buttons, the text so far', async () => {
    const source = new CancellationTokenSource();
    const stream = new RecordingStream(() => source.cancel());
    const answer = await answerChat(deps(), request({ command: 'explain' }), stream, source.token);
    assert.equal(stream.buttons.length, 0);
    assert.ok((answer.text ?? '').length < 200);
  });
});

describe('Inkwell as a language model provider, on the real runner', () => {
  let runner: TestRunner;
  let llama: string;
  let config: Config;

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    runner = startTestRunner();
    config = { ...defaults(), instructionModel: llama, dtype: 'fp32', temperature: 0 };
  });
  after(() => runner.client.dispose());

  let relisted = 0;
  const provider = (downloaded: boolean) =>
    new InkwellLanguageModels({
      client: runner.client,
      config: () => config,
      isDownloaded: async () => downloaded,
      cachedModels: async () => [],
      textPart: (value) => ({ value }),
      limitLearned: () => relisted++,
    });

  it('lists the instruction model only when it is on disk', async () => {
    assert.deepEqual(await provider(false).provideLanguageModelChatInformation(), []);
    const [model, ...rest] = await provider(true).provideLanguageModelChatInformation();
    assert.equal(rest.length, 0);
    assert.equal(model?.id, llama);
    assert.equal(model?.name, 'Inkwell: tiny-llama');
    assert.equal(model?.capabilities.toolCalling, false);
  });

  it('before the runner starts, lists the configured model without asking the runner, and answers only once it is on disk', async () => {
    let asked = 0;
    const lm = new InkwellLanguageModels({
      client: runner.client,
      config: () => config,
      isDownloaded: async () => (asked++, true),
      cachedModels: async () => (asked++, []),
      textPart: (value) => ({ value }),
      runnerStarted: () => false,
      ensureModel: async () => false,
    });
    const [model, ...rest] = await lm.provideLanguageModelChatInformation();
    assert.equal(rest.length, 0);
    assert.equal(model?.id, llama);
    assert.equal(model?.detail, 'local, loads on first use');
    assert.equal(asked, 0, 'the runner was not asked what is on disk');
    const parts: unknown[] = [];
    await assert.rejects(
      lm.provideLanguageModelChatResponse(model!, [{ role: 1, content: [{ value: 'Hello.' }], name: undefined }], {}, { report: (part) => parts.push(part) }, new CancellationTokenSource().token),
      /is not on this machine/,
    );
    assert.equal(parts.length, 0);
  });

  it('streams an answer as text parts and counts tokens with the model tokenizer', async () => {
    const lm = provider(true);
    const [model] = await lm.provideLanguageModelChatInformation();
    const parts: unknown[] = [];
    const token = new CancellationTokenSource().token;
    await lm.provideLanguageModelChatResponse(model!, [{ role: 1, content: [{ value: 'Say hello to the harbour.' }], name: undefined }], {}, { report: (part) => parts.push(part) }, token);
    assert.ok(parts.length > 1, `streamed (${parts.length} parts)`);
    assert.ok(parts.every((p) => typeof (p as { value?: unknown }).value === 'string'));

    const text = 'The ferry leaves at nine.';
    relisted = 0;
    const own = await runner.client.request(Methods.countTokens, { model: llama, dtype: 'fp32', task: 'instruction', texts: [text] });
    assert.equal(await lm.provideTokenCount(model!, text, token), own.counts[0]);
    assert.equal(await lm.provideTokenCount(model!, { role: 1, content: [{ value: text }], name: undefined }, token), own.counts[0]! + 8);
    // After a count the real context is known, and VS Code is told to list the models again (once).
    assert.equal(relisted, 1, 'the provider asked VS Code to list its models again');
    const [learned] = await lm.provideLanguageModelChatInformation();
    assert.equal(learned!.maxInputTokens + learned!.maxOutputTokens, 2048);
  });
});
