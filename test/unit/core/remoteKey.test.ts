import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../../src/config';
import { isLoopbackHost, keyDecision, parseStoredKey, serializeStoredKey } from '../../../src/core/remoteKey';
import { backendFor } from '../../../src/host/backend';

const remote = (baseUrl: string) => ({ ...readConfig({ get: <T>(_key: string, fallback?: T) => fallback as T }), backend: 'openai-compatible' as const, remoteBaseUrl: baseUrl, remoteModel: 'm' });
const keyOf = (config: ReturnType<typeof remote>, stored: Parameters<typeof backendFor>[1]) => {
  const backend = backendFor(config, stored);
  return backend.kind === 'openai-compatible' ? backend.apiKey : 'local';
};

describe('an API key belongs to its server', () => {
  const stored = { key: 'sk-1', origin: 'https://llm.example.com' };

  it('is sent to the server it was saved for, whatever the path', () => {
    assert.equal(keyOf(remote('https://llm.example.com/v1'), stored), 'sk-1');
    assert.equal(keyOf(remote('https://LLM.example.com:443/v1/'), stored), 'sk-1');
  });

  it('is not sent when inkwell.remote.baseUrl points at another origin; the user is asked', () => {
    assert.equal(keyOf(remote('https://other.example.net/v1'), stored), undefined);
    assert.equal(keyOf(remote('http://llm.example.com/v1'), stored), undefined, 'another scheme is another origin');
    assert.equal(keyOf(remote('https://llm.example.com:8443/v1'), stored), undefined, 'another port is another origin');
    assert.deepEqual(keyDecision(stored, 'https://other.example.net/v1'), { kind: 'ask-origin', from: 'https://llm.example.com', to: 'https://other.example.net' });
  });

  it('a key saved by an older version (no origin) is not sent until the user says where', () => {
    const legacy = parseStoredKey('sk-old');
    assert.deepEqual(legacy, { key: 'sk-old' });
    assert.equal(keyOf(remote('http://localhost:8000/v1'), legacy), undefined);
    assert.equal(keyDecision(legacy, 'http://localhost:8000/v1').kind, 'ask-origin');
  });

  it('plain http: only to this machine, unless the user allowed it for that origin', () => {
    assert.equal(keyOf(remote('http://localhost:8000/v1'), { key: 'k', origin: 'http://localhost:8000' }), 'k');
    assert.equal(keyOf(remote('http://127.0.0.1:11434/v1'), { key: 'k', origin: 'http://127.0.0.1:11434' }), 'k');
    assert.equal(keyOf(remote('http://[::1]:8000/v1'), { key: 'k', origin: 'http://[::1]:8000' }), 'k');
    assert.equal(keyOf(remote('http://gpu-box.lan:8000/v1'), { key: 'k', origin: 'http://gpu-box.lan:8000' }), undefined);
    assert.deepEqual(keyDecision({ key: 'k', origin: 'http://10.0.0.5:8000' }, 'http://10.0.0.5:8000/v1'), { kind: 'ask-plain-http', origin: 'http://10.0.0.5:8000' });
    assert.equal(keyOf(remote('http://gpu-box.lan:8000/v1'), { key: 'k', origin: 'http://gpu-box.lan:8000', allowPlainHttp: true }), 'k');
  });

  it('no key, no server, a bad URL: nothing to send or ask', () => {
    assert.equal(keyDecision(undefined, 'https://a.example').kind, 'none');
    assert.equal(keyDecision(stored, 'not a url').kind, 'none');
    assert.equal(keyDecision(stored, 'ftp://llm.example.com').kind, 'none');
  });

  it('round-trips through secret storage', () => {
    const value = { key: 'k', origin: 'https://a.example', allowPlainHttp: false };
    assert.deepEqual(parseStoredKey(serializeStoredKey(value)), value);
  });

  it('knows loopback hosts', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['localhost.evil.com', '10.0.0.1', '128.0.0.1', 'example.com']) assert.ok(!isLoopbackHost(host), host);
  });
});
