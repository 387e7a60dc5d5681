// The llama.cpp side of bench:peer, in its own process (so its memory is measured apart from the
// parent's): node-llama-cpp's prebuilt CPU binary from test/bench/peer/node_modules, driven over IPC.
// Nothing is built or downloaded: getLlama runs with build "never" and skipDownload.
//
// Messages in: LlamaRequest; out: LlamaReply (one per request, same `id`).
import type { LlamaReply, LlamaRequest } from './llamaCppProtocol';

/** The few node-llama-cpp 3.21 calls used here (typed locally: the package is not in the main install). */
interface Sequence {
  readonly contextTokens: number[];
  readonly nextTokenIndex: number;
  clearHistory(): Promise<void>;
  eraseContextTokenRanges(ranges: { start: number; end: number }[]): Promise<void>;
  evaluate(tokens: number[], options: { temperature: number; yieldEogToken: boolean }): AsyncGenerator<number, void, void>;
}
interface Model {
  tokenize(text: string, specialTokens?: boolean): number[];
  detokenize(tokens: number[]): string;
  createContext(options: {
    contextSize: number;
    threads: number;
    sequences: number;
    experimentalKvCacheKeyType?: string;
    experimentalKvCacheValueType?: string;
  }): Promise<{ getSequence(): Sequence; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}
interface Llama {
  loadModel(options: { modelPath: string; gpuLayers: number }): Promise<Model>;
  readonly buildType: string;
}
interface NodeLlamaCpp {
  getLlama(options: Record<string, unknown>): Promise<Llama>;
}

let llama: Llama | undefined;
let model: Model | undefined;
let sequence: Sequence | undefined;

/** Feeds the prompt's tokens past what the sequence already holds; times the first and the following tokens. */
async function generate(text: string, newTokens: number, reuse: boolean): Promise<Extract<LlamaReply, { kind: 'generated' }>> {
  if (!model || !sequence) throw new Error('no model loaded');
  const started = performance.now();
  const prompt = model.tokenize(text, false);
  let keep = 0;
  if (reuse) {
    const held = sequence.contextTokens;
    while (keep < held.length && keep < prompt.length - 1 && held[keep] === prompt[keep]) keep++;
    if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  } else await sequence.clearHistory();
  const tokens: number[] = [];
  let firstAt = 0;
  for await (const token of sequence.evaluate(prompt.slice(keep), { temperature: 0, yieldEogToken: true })) {
    if (!firstAt) firstAt = performance.now();
    tokens.push(token);
    if (tokens.length >= newTokens) break;
  }
  const end = performance.now();
  return { kind: 'generated', promptTokens: prompt.length, reusedTokens: keep, tokens, firstTokenMs: firstAt - started, totalMs: end - started };
}

async function handle(request: LlamaRequest): Promise<LlamaReply> {
  switch (request.kind) {
    case 'init': {
      const started = performance.now();
      const { getLlama } = (await import(request.modulePath)) as NodeLlamaCpp;
      llama = await getLlama({ gpu: false, build: 'never', usePrebuiltBinaries: true, skipDownload: true, progressLogs: false, logLevel: 'error' });
      return { kind: 'ready', libraryMs: performance.now() - started, buildType: llama.buildType };
    }
    case 'load': {
      if (!llama) throw new Error('not initialized');
      const started = performance.now();
      model = await llama.loadModel({ modelPath: request.modelPath, gpuLayers: 0 });
      const cache = request.kvCacheType ? { experimentalKvCacheKeyType: request.kvCacheType, experimentalKvCacheValueType: request.kvCacheType } : {};
      const context = await model.createContext({ contextSize: request.contextSize, threads: request.threads, sequences: 1, ...cache });
      sequence = context.getSequence();
      return { kind: 'loaded', loadMs: performance.now() - started };
    }
    case 'tokenize':
      if (!model) throw new Error('no model loaded');
      return { kind: 'tokens', tokens: model.tokenize(request.text, false) };
    case 'generate':
      return generate(request.text, request.newTokens, request.reuse);
  }
}

process.on('message', (message: { id: number; request: LlamaRequest }) => {
  handle(message.request).then(
    (reply) => process.send?.({ id: message.id, reply }),
    (err: unknown) => process.send?.({ id: message.id, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, reply: { kind: 'started' } });
