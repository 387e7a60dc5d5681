import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { SETTINGS, type Config } from '../../src/config';
import type { HostToWebview, PaneSettings } from '../../src/core/playgroundMessages';
import { paramsFor, TokenBatch } from '../../src/host/playground/playgroundRun';

const config = Object.fromEntries(Object.entries(SETTINGS).map(([name, s]) => [name, s.default])) as Config;
const pane: PaneSettings = { model: 'generation', temperature: 0.9, topP: 0.95, topK: 40, maxNewTokens: 32, sequences: 3, seed: 7, stop: ['END'] };
const token = (text: string) => ({ text, probability: 0.5, alternatives: [] });

describe('Playground runs in the host', () => {
  it('the generation model gets the raw prompt; the instruction model a chat message', () => {
    const generation = paramsFor({ ...config, generationModel: '/models/gen', instructionModel: '/models/chat' }, 'Hello', pane);
    assert.deepEqual(generation, { task: 'text-generation', model: '/models/gen', dtype: config.dtype, prompt: 'Hello', sequences: 3, maxNewTokens: 32, temperature: 0.9, topP: 0.95, topK: 40, seed: 7, stop: ['END'] });
    const instruction = paramsFor({ ...config, generationModel: '/models/gen', instructionModel: '/models/chat' }, 'Hello', { ...pane, model: 'instruction', seed: undefined });
    assert.equal(instruction.task, 'instruction');
    assert.equal(instruction.model, '/models/chat');
    assert.deepEqual(instruction.messages, [{ role: 'user', content: 'Hello' }]);
    assert.equal(instruction.prompt, undefined);
    assert.equal('seed' in instruction, false);
  });

  it('streamed tokens are posted in batches per sequence, in order, plain text kept apart', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const posted: HostToWebview[] = [];
      const batch = new TokenBatch('run', 1, (m) => posted.push(m));
      batch.add({ streamId: 's', sequence: 0, tokens: [token('a')] });
      batch.add({ streamId: 's', sequence: 1, tokens: [token('x')] });
      batch.add({ streamId: 's', sequence: 0, tokens: [token('b')] });
      assert.equal(posted.length, 0, 'nothing before the 50 ms tick');
      mock.timers.tick(50);
      assert.deepEqual(posted, [
        { type: 'tokens', runId: 'run', pane: 1, sequence: 0, tokens: [token('a'), token('b')] },
        { type: 'tokens', runId: 'run', pane: 1, sequence: 1, tokens: [token('x')] },
      ]);
      batch.add({ streamId: 's', sequence: 0, tokens: [token('c')] });
      batch.add({ streamId: 's', sequence: 0, tokens: [], text: 'plain' });
      batch.flush();
      assert.deepEqual(posted.slice(2), [
        { type: 'tokens', runId: 'run', pane: 1, sequence: 0, tokens: [token('c')] },
        { type: 'tokens', runId: 'run', pane: 1, sequence: 0, tokens: [], text: 'plain' },
      ]);
      batch.flush();
      assert.equal(posted.length, 4, 'an empty flush posts nothing');
    } finally {
      mock.timers.reset();
    }
  });
});
