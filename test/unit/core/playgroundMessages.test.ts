import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStopField, paneSummary, parseStopField, parseWebviewMessage, type PaneSettings } from '../../../src/core/playgroundMessages';

const pane: PaneSettings = { model: 'generation', temperature: 0.9, topP: 0.95, topK: 50, maxNewTokens: 32, sequences: 3, seed: 7, stop: ['\n\n'] };

describe('Playground webview messages', () => {
  it('accepts the simple messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { ok: true, value: { type: 'ready' } });
    assert.deepEqual(parseWebviewMessage({ type: 'stop', extra: 1 }), { ok: true, value: { type: 'stop' } });
    assert.deepEqual(parseWebviewMessage({ type: 'insert', text: 'abc' }), { ok: true, value: { type: 'insert', text: 'abc' } });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', text: '' }), { ok: true, value: { type: 'copy', text: '' } });
  });

  it('accepts generate with one pane or two (Compare), and drops empty stop strings', () => {
    const parsed = parseWebviewMessage({ type: 'generate', runId: 'r1', prompt: 'Hi', panes: [pane, { ...pane, model: 'instruction', seed: undefined, stop: ['', 'END'] }] });
    assert.ok(parsed.ok);
    assert.equal(parsed.value.type, 'generate');
    if (parsed.value.type !== 'generate') return;
    assert.deepEqual(parsed.value.panes[0], pane);
    const unseeded: PaneSettings = { ...pane };
    delete unseeded.seed;
    assert.deepEqual(parsed.value.panes[1], { ...unseeded, model: 'instruction', stop: ['END'] });
    assert.equal('seed' in parsed.value.panes[1]!, false);
  });

  it('rejects bad messages with a message a person can act on', () => {
    const error = (value: unknown) => {
      const parsed = parseWebviewMessage(value);
      assert.equal(parsed.ok, false);
      return parsed.ok ? '' : parsed.error;
    };
    assert.match(error(null), /without a type/);
    assert.match(error({ type: 'launch' }), /unknown message type "launch"/);
    assert.match(error({ type: 'insert' }), /insert needs text/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: '  ', panes: [pane] }), /Write a prompt/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [] }), /one or two panes/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [pane, pane, pane] }), /one or two panes/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, sequences: 6 }] }), /Sequences must be between 1 and 5/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, sequences: 2.5 }] }), /Sequences must be a whole number/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, temperature: Number.NaN }] }), /Temperature must be between 0 and 2/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, topP: 0 }] }), /Top-p must be between/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, seed: -1 }] }), /Seed must be a whole number/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, model: 'other' }] }), /generation or the instruction model/);
    assert.match(error({ type: 'generate', runId: 'r', prompt: 'x', panes: [{ ...pane, stop: [1] }] }), /Stop strings/);
  });

  it('stop strings field: comma-separated with escapes, and back', () => {
    assert.deepEqual(parseStopField('END, \\n\\n, a\\,b'), ['END', '\n\n', 'a,b']);
    assert.deepEqual(parseStopField(''), []);
    assert.deepEqual(parseStopField('\\ x,  y'), [' x', 'y']);
    for (const stops of [['END', '\n\n', 'a,b'], [' lead', 'back\\slash', '\t']]) assert.deepEqual(parseStopField(formatStopField(stops)), stops);
  });

  it('summarizes time to first token and tokens per second after the first token', () => {
    const summary = paneSummary({
      sequences: [
        { text: 'a', tokens: [], generatedTokens: 11, finishReason: 'length' },
        { text: 'b', tokens: [], generatedTokens: 11, finishReason: 'length' },
      ],
      promptTokens: 4,
      timings: { loadMs: 0, firstTokenMs: 100, totalMs: 600 },
      confidence: 'local',
    });
    assert.equal(summary.firstTokenMs, 100);
    // 20 tokens after the first of each sequence, in 500 ms.
    assert.equal(summary.tokensPerSecond, 40);
  });
});
