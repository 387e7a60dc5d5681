/**
 * The status bar's one owner of state (host/statusState.ts), its words
 * (host/statusText.ts), and the one local-or-server routing table both sides use.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../src/config';
import { backendFor, describeBackend, servedByServer } from '../../src/host/backend';
import { StatusState, type StatusSnapshot } from '../../src/host/statusState';
import { describeRunner, describeStatus } from '../../src/host/statusText';
import { runsOnServer, type StatusResult, type Task } from '../../src/protocol';
import { RunnerSettings } from '../../src/runner/runnerSettings';

const label = (state: StatusState) => describeStatus(state.current).tooltip;

const STATUS: StatusResult = {
  loaded: [{ task: 'text-generation', model: '/models/SmolLM2-360M', dtype: 'q8', loadedAt: 0, lastUsedAt: 0 }],
  memory: { rssMB: 612, heapUsedMB: 40, heapLimitMB: 4096 },
  busy: false,
  peakJobs: 1,
  prefixCache: { documents: 1, megabytes: 3 },
};

describe('status bar state: one owner, named transitions', () => {
  it('a request: spinner while it runs, ready when done', () => {
    const state = new StatusState();
    const seen: StatusSnapshot[] = [];
    state.onDidChange((s) => seen.push(s));
    state.runnerChanged('ready');
    state.requestStarted();
    assert.equal(label(state), 'Writing a suggestion…');
    state.requestEnded({ kind: 'done' });
    assert.equal(label(state), 'Ready.');
    assert.equal(seen.length, 3, 'every transition is rendered');
  });

  it('a failure shows until a request succeeds, a cancelled one ends, the runner is ready again, or settings change', () => {
    const state = new StatusState();
    const fail = () => state.requestEnded({ kind: 'failed', message: 'boom' });
    fail();
    assert.equal(label(state), 'Last request failed: boom');
    assert.equal(describeStatus(state.current).error, true);
    state.requestStarted();
    assert.equal(label(state), 'Last request failed: boom', 'a warning outranks the spinner');
    state.requestEnded({ kind: 'done' });
    assert.equal(state.current.problem, undefined);
    fail();
    state.requestEnded({ kind: 'cancelled' });
    assert.equal(state.current.problem, undefined);
    fail();
    state.runnerChanged('ready');
    assert.equal(state.current.problem, undefined);
    fail();
    state.settingsChanged('Local models');
    assert.equal(state.current.problem, undefined);
  });

  it('a missing model stays reported until it is there (a download, a success) or settings change; a restart does not hide it', () => {
    const state = new StatusState();
    state.requestEnded({ kind: 'missing', message: 'Model "m" is not downloaded yet.' });
    assert.equal(state.current.problem?.kind, 'missing');
    state.requestEnded({ kind: 'cancelled' });
    state.runnerChanged('ready');
    assert.equal(label(state), 'Last request failed: Model "m" is not downloaded yet.');
    state.modelAvailable();
    assert.equal(state.current.problem, undefined);
    state.modelMissing('gone again');
    state.requestEnded({ kind: 'done' });
    assert.equal(state.current.problem, undefined);
    state.modelMissing('gone again');
    state.settingsChanged('Local models');
    assert.equal(state.current.problem, undefined);
  });

  it('the warm-up reports its own failure; loading, snooze, off and the crashed runner', () => {
    const state = new StatusState();
    state.warmUpFailed('corrupt');
    assert.equal(label(state), 'Last request failed: corrupt');
    state.settingsChanged('Local models');
    state.loading(42);
    assert.equal(describeStatus(state.current).text, '$(loading~spin) Inkwell 42%');
    state.loading(undefined);
    state.enabledChanged(true, 15);
    assert.equal(label(state), 'Suggestions snoozed for 15 more minute(s).');
    state.enabledChanged(false, 0);
    assert.equal(label(state), 'Suggestions are off for this language.');
    state.enabledChanged(true, 0);
    assert.equal(label(state), 'Ready — the model loads on first use.');
    state.runnerChanged('gave-up');
    assert.equal(describeStatus(state.current).text, '$(error) Inkwell');
  });

  it('the tooltip names where generation runs and, while the runner is up, the loaded model', () => {
    const state = new StatusState();
    state.settingsChanged('Local models');
    assert.equal(describeRunner(state.current), 'Local models');
    state.runnerChanged('ready');
    state.runnerStatus(STATUS);
    assert.equal(describeRunner(state.current), 'Local models · runner 612 MB · text-generation: SmolLM2-360M (q8)');
    state.runnerStatus({ ...STATUS, loaded: [] });
    assert.equal(describeRunner(state.current), 'Local models · runner 612 MB · no model loaded');
    state.runnerStatus(STATUS);
    state.runnerChanged('crashed');
    assert.equal(describeRunner(state.current), 'Local models', 'a crashed runner holds nothing');
  });
});

describe('local or server: one table', () => {
  const defaults = readConfig({ get: <T>(_key: string, fallback?: T) => fallback as T });
  const server = { ...defaults, backend: 'openai-compatible' as const, remoteBaseUrl: 'http://127.0.0.1:8000/v1', remoteModel: 'm' };
  const tasks: Task[] = ['text-generation', 'instruction', 'summarization', 'translation'];

  it('the host and the runner route every task the same way', () => {
    for (const config of [defaults, server, { ...server, remoteBaseUrl: '' }]) {
      const settings = new RunnerSettings();
      settings.apply({ cacheDir: '', localModelPath: '', offline: false, threads: 0, backend: backendFor(config, undefined) });
      for (const task of tasks) {
        const host = servedByServer(config, task);
        assert.equal(host, runsOnServer(backendFor(config, undefined), task), task);
        assert.equal(settings.serverFor(task) !== undefined, host, `runner: ${task}`);
      }
    }
    assert.deepEqual(tasks.filter((task) => servedByServer(server, task)), ['text-generation', 'instruction']);
  });

  it('offline mode refuses the server with a clear error instead of falling back to local models', () => {
    const settings = new RunnerSettings();
    settings.apply({ cacheDir: '', localModelPath: '', offline: true, threads: 0, backend: backendFor(server, undefined) });
    assert.throws(() => settings.serverFor('text-generation'), /Offline mode is on/);
    assert.equal(settings.serverFor('summarization'), undefined);
  });

  it('describes the backend for the tooltip', () => {
    assert.equal(describeBackend(defaults), 'Local models');
    assert.equal(describeBackend(server), 'Text on http://127.0.0.1:8000/v1 (m); summaries and translations on local models');
  });
});
