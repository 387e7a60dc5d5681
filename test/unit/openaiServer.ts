/**
 * A local OpenAI-compatible server for tests, streaming the way vLLM and Ollama
 * do: `data: {json}\n\n` chunks, a usage chunk when asked, then `data: [DONE]`.
 * The model name picks a scenario; every request is recorded.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The text every normal answer streams, one word (and its space) per chunk. */
export const ANSWER = 'The quick brown fox jumps over the lazy dog. Café ☕ in Zürich 🙂.\n\nA second paragraph follows here.';
export const API_KEY = 'sk-test-secret';

export type Scenario =
  | 'normal' // streams ANSWER
  | 'slow' // 40 ms between chunks
  | 'stall' // three chunks, then silence
  | 'cutoff' // closes the connection mid-stream
  | 'ends-early' // ends the response cleanly mid-stream, no finish_reason, no [DONE]
  | 'no-done' // finish_reason, then ends without [DONE]
  | 'malformed' // a garbage data line
  | 'no-choices' // a JSON chunk without choices
  | 'split-bytes' // 1-3 bytes per write, CRLF line ends, comments
  | 'needs-key' // 401 without Authorization: Bearer API_KEY
  | 'vllm-missing' // 404 the way vLLM says it
  | 'ollama-missing' // 404 the way Ollama says it
  | 'flaky' // 503 on the first request, then normal
  | 'always-503'
  | 'hang' // never answers
  | 'no-stream-options' // 400 when the body has stream_options
  | 'no-suffix' // 400 when the body has suffix (as vLLM)
  | 'ignores-n' // one choice whatever n is (as Ollama, llama.cpp)
  | 'json' // ignores stream: true and answers in one JSON body
  | 'html' // a web page, not an API
  | 'endless-line' // one data line that never ends (up to 32 MB)
  | 'endless-event' // data lines that never end their event (up to 32 MB)
  | 'keepalive-stall' // three words, then only `: keep-alive` comments (up to 15 s)
  | 'keepalive-only' // only `: keep-alive` comments from the start (up to 15 s)
  | 'ignores-max-tokens' // streams words until the client closes (up to 20,000)
  | 'endless-empty'; // events with empty text until the client closes (up to 15 s)

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The client closed the connection before the answer ended. */
  closedEarly: boolean;
  /** Bytes of the answer written to the socket before it ended or the client closed (set when it closes). */
  bytesSent: number;
}

export interface OpenAiTestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The words (with trailing whitespace) of `text`: the server's "tokens". */
export function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** What a choice says: ANSWER when greedy, a variant per seed and index when sampled. */
export function answerFor(body: Record<string, unknown>, index: number): string {
  if (Array.isArray(body['messages'])) {
    const last = body['messages'].at(-1) as { content?: string } | undefined;
    return `You said: ${last?.content ?? ''}. ${ANSWER}`;
  }
  const temperature = Number(body['temperature'] ?? 0);
  const suffix = typeof body['suffix'] === 'string' ? ` [before ${body['suffix']}]` : '';
  if (temperature === 0) return ANSWER + suffix;
  return `Variant ${Number(body['seed'] ?? 0)}.${index}: ${ANSWER}${suffix}`;
}

export async function startOpenAiServer(): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const record: RecordedRequest = { path: req.url ?? '', headers: req.headers, body, closedEarly: false, bytesSent: 0 };
      requests.push(record);
      const socket = req.socket;
      const written = socket.bytesWritten;
      res.on('close', () => {
        record.closedEarly = !res.writableFinished;
        record.bytesSent = socket.bytesWritten - written;
      });
      const model = String(body['model']);
      seen.set(model, (seen.get(model) ?? 0) + 1);
      void answer(model as Scenario, body, req.url ?? '', req.headers, res, seen.get(model) ?? 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function error(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function answer(scenario: Scenario, body: Record<string, unknown>, path: string, headers: IncomingHttpHeaders, res: ServerResponse, count: number): Promise<void> {
  const chat = path === '/v1/chat/completions';
  if (!chat && path !== '/v1/completions') return error(res, 404, { detail: 'Not Found' });
  const model = String(body['model']);
  if (scenario === 'hang') return;
  if (scenario === 'needs-key' && headers.authorization !== `Bearer ${API_KEY}`) {
    return error(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
  }
  if (scenario === 'vllm-missing') return error(res, 404, { object: 'error', message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: null, code: 404 });
  if (scenario === 'ollama-missing') return error(res, 404, { error: `model "${model}" not found, try pulling it first` });
  if ((scenario === 'flaky' && count === 1) || scenario === 'always-503') return error(res, 503, { object: 'error', message: 'Service Unavailable', code: 503 });
  if (scenario === 'no-stream-options' && 'stream_options' in body) return error(res, 400, { error: { message: 'Unrecognized request argument supplied: stream_options' } });
  if (scenario === 'no-suffix' && 'suffix' in body) return error(res, 400, { object: 'error', message: 'suffix is not currently supported', code: 400 });

  const n = scenario === 'ignores-n' || chat ? 1 : Number(body['n'] ?? 1);
  const maxTokens = Number(body['max_tokens'] ?? 1000);
  const choices = Array.from({ length: n }, (_, index) => words(answerFor(body, index)));
  const chunk = (index: number, text: string | undefined, finish: string | null) => ({
    id: 'cmpl-test',
    object: chat ? 'chat.completion.chunk' : 'text_completion',
    created: 1,
    model,
    choices: [chat ? { index, delta: text === undefined ? {} : { role: 'assistant', content: text }, finish_reason: finish } : { index, text: text ?? '', logprobs: null, finish_reason: finish }],
  });

  if (scenario === 'html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>');
  if (scenario === 'json') {
    const texts = choices.map((w) => w.slice(0, maxTokens).join(''));
    const reply = { id: 'cmpl-test', object: 'text_completion', model, choices: texts.map((text, index) => (chat ? { index, message: { role: 'assistant', content: text }, finish_reason: 'stop' } : { index, text, finish_reason: 'stop' })) };
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
    return;
  }

  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const crlf = scenario === 'split-bytes';
  const send = async (data: string) => {
    const event = crlf ? `: ping\r\ndata: ${data}\r\n\r\n` : `data: ${data}\n\n`;
    if (!crlf) return void res.write(event);
    // Pieces of 1 to 3 bytes: splits lines, CRLFs and multi-byte characters.
    const bytes = Buffer.from(event);
    for (let at = 0, size = 1; at < bytes.length && !res.destroyed; at += size, size = (size % 3) + 1) {
      res.write(bytes.subarray(at, at + size));
      await new Promise(setImmediate);
    }
  };

  if (ENDLESS.includes(scenario)) return endless(scenario, res, (index, text) => JSON.stringify(chunk(index, text, null)));

  const longest = Math.max(...choices.map((w) => w.length));
  let sent = 0;
  for (let i = 0; i < Math.min(longest, maxTokens); i++) {
    if (res.destroyed) return;
    if (scenario === 'malformed' && i === 2) res.write('data: {"choices": [oops\n\n');
    if (scenario === 'no-choices' && i === 2) await send(JSON.stringify({ id: 'cmpl-test', object: 'text_completion' }));
    if (scenario === 'cutoff' && i === 3) return void res.destroy();
    if (scenario === 'ends-early' && i === 3) return void res.end();
    if (scenario === 'stall' && i === 3) return;
    for (let index = 0; index < n; index++) {
      const word = choices[index]?.[i];
      if (word !== undefined) await send(JSON.stringify(chunk(index, word, null)));
    }
    sent++;
    if (scenario === 'slow') await sleep(40);
  }
  for (let index = 0; index < n; index++) await send(JSON.stringify(chunk(index, chat ? undefined : '', sent >= maxTokens ? 'length' : 'stop')));
  const options = body['stream_options'] as { include_usage?: boolean } | undefined;
  if (options?.include_usage) {
    const promptTokens = words(JSON.stringify(body['prompt'] ?? body['messages'])).length;
    await send(JSON.stringify({ id: 'cmpl-test', object: 'text_completion', model, choices: [], usage: { prompt_tokens: promptTokens, completion_tokens: sent * n, total_tokens: promptTokens + sent * n } }));
  }
  if (scenario === 'no-done') return void res.end();
  await send('[DONE]');
  res.end();
}

/** Writes until the client closes (or a cap), waiting for the socket to drain. */
async function writeUntilClosed(res: ServerResponse, piece: () => string, capBytes: number, capMs: number, gapMs = 0): Promise<void> {
  const started = Date.now();
  for (let sent = 0; sent < capBytes && Date.now() - started < capMs && !res.destroyed; ) {
    const text = piece();
    sent += text.length;
    if (!res.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    }
    await (gapMs > 0 ? sleep(gapMs) : new Promise(setImmediate));
  }
}

const ENDLESS: readonly Scenario[] = ['endless-line', 'endless-event', 'keepalive-stall', 'keepalive-only', 'ignores-max-tokens', 'endless-empty'];

/** The scenarios of a server that never stops (ENDLESS). */
async function endless(scenario: Scenario, res: ServerResponse, chunkJson: (index: number, text: string) => string): Promise<void> {
  const MB = 1024 * 1024;
  const filler = 'x'.repeat(16 * 1024);
  switch (scenario) {
    case 'endless-line':
      res.write(`data: {"choices":[{"index":0,"text":"`);
      await writeUntilClosed(res, () => filler, 32 * MB, 15_000);
      break;
    case 'endless-event':
      await writeUntilClosed(res, () => `data: ${filler}\n`, 32 * MB, 15_000);
      break;
    case 'keepalive-stall':
      for (const word of ['The ', 'quick ', 'brown ']) res.write(`data: ${chunkJson(0, word)}\n\n`);
      await writeUntilClosed(res, () => ': keep-alive\n\n', 32 * MB, 15_000, 20);
      break;
    case 'keepalive-only':
      await writeUntilClosed(res, () => ': keep-alive\n\n', 32 * MB, 15_000, 20);
      break;
    case 'ignores-max-tokens': {
      let i = 0;
      await writeUntilClosed(res, () => `data: ${chunkJson(0, `word${i++} `)}\n\n`, 20_000 * 200, 15_000);
      break;
    }
    case 'endless-empty':
      await writeUntilClosed(res, () => `data: ${chunkJson(0, '')}\n\n`, 32 * MB, 15_000, 2);
      break;
  }
  res.end();
}
