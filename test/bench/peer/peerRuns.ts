// One measured run of each side on one model and dtype: a fresh process, load, a short warm-up, then
// per context: a fresh prompt (TTFT + decode), a prefix fill, and the prompt grown by 3 tokens
// (reuse TTFT). Memory is read from /proc for the runner process and for llama.cpp's own process.
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { InkwellProcess } from './inkwellProcess';
import { LlamaCppProcess, PEER_MODULES } from './llamaCppProcess';
import { processMemory } from './processMemory';

export interface Prompts {
  /** Prompt text of exactly `context` tokens. */
  at: Map<number, string>;
  /** The same prompt grown by 3 tokens. */
  grown: Map<number, string>;
  warmUp: string;
}

export interface ContextSample {
  freshTtftMs: number;
  reuseTtftMs: number;
  decodeMsPerToken: number;
  promptTokens: number;
  reusedTokens: number;
  /** Greedy continuation of the fresh prompt (text), to compare the two sides. */
  text: string;
}

export interface RunSample {
  loadMs: number;
  contexts: Map<number, ContextSample>;
  baseMB: number;
  /** RSS growth after the workload (VmRSS now minus VmRSS before the model was loaded). */
  rssGrowthMB: number;
  /** Peak growth (VmHWM minus the RSS before loading). */
  peakGrowthMB: number;
  /** Inkwell only: decode at FLAT_CONTEXT tokens (measured after the memory reading). */
  decodeFlatMsPerToken?: number;
}

export interface RunPlan {
  contexts: number[];
  newTokens: number;
  threads: number;
  flatContext: number;
  prompts: Prompts;
}

/**
 * llama.cpp's context (its KV cache is allocated up front, and counted in its memory). Twice the
 * largest prompt: with a context barely larger than prompt + new tokens (1,088), reusing a 1,024-token
 * prefix took 0.2-0.8x a fresh prompt's time in two runs here (0.03x with 2,048), which would flatter Inkwell.
 */
export const LLAMA_CONTEXT_SIZE = 2048;
const FILL_TOKENS = 4;
const REUSE_TOKENS = 4;
const perToken = (totalMs: number, firstMs: number, tokens: number) => (totalMs - firstMs) / Math.max(1, tokens - 1);

export async function runInkwell(folder: string, dtype: 'q4' | 'q8' | 'fp32', plan: RunPlan): Promise<RunSample> {
  const ink = new InkwellProcess(plan.threads);
  try {
    await ink.start();
    const base = processMemory(ink.pid);
    const loadMs = await ink.load(folder, dtype);
    await ink.complete(folder, dtype, plan.prompts.warmUp, 4, false);
    const contexts = new Map<number, ContextSample>();
    for (const context of plan.contexts) {
      const fresh = await ink.complete(folder, dtype, plan.prompts.at.get(context)!, plan.newTokens, false);
      await ink.complete(folder, dtype, plan.prompts.at.get(context)!, FILL_TOKENS, true);
      const reuse = await ink.complete(folder, dtype, plan.prompts.grown.get(context)!, REUSE_TOKENS, true);
      contexts.set(context, {
        freshTtftMs: fresh.timings.firstTokenMs,
        reuseTtftMs: reuse.timings.firstTokenMs,
        decodeMsPerToken: perToken(fresh.timings.totalMs, fresh.timings.firstTokenMs, fresh.generatedTokens),
        promptTokens: fresh.promptTokens,
        reusedTokens: reuse.reusedTokens,
        text: fresh.completions[0] ?? '',
      });
    }
    const after = processMemory(ink.pid);
    const flat = await ink.complete(folder, dtype, plan.prompts.at.get(plan.flatContext)!, plan.newTokens, false);
    return {
      loadMs,
      contexts,
      baseMB: base.rssMB,
      rssGrowthMB: after.rssMB - base.rssMB,
      peakGrowthMB: after.peakMB - base.rssMB,
      decodeFlatMsPerToken: perToken(flat.timings.totalMs, flat.timings.firstTokenMs, flat.generatedTokens),
    };
  } finally {
    await ink.stop();
  }
}

/** Starts llama.cpp's process and loads node-llama-cpp's binary (not part of the model's load time or memory growth). */
export async function startLlamaCpp(): Promise<LlamaCppProcess> {
  const llama = new LlamaCppProcess();
  await llama.request({ kind: 'init', modulePath: pathToFileURL(path.join(PEER_MODULES, 'node-llama-cpp/dist/index.js')).href }, 'ready');
  return llama;
}

export async function runLlamaCpp(gguf: string, plan: RunPlan, decode: (tokens: number[]) => string): Promise<RunSample> {
  const llama = await startLlamaCpp();
  try {
    const base = processMemory(llama.pid);
    const contextSize = LLAMA_CONTEXT_SIZE;
    const { loadMs } = await llama.request({ kind: 'load', modelPath: gguf, contextSize, threads: plan.threads }, 'loaded');
    const generate = (text: string, newTokens: number, reuse: boolean) => llama.request({ kind: 'generate', text, newTokens, reuse }, 'generated');
    await generate(plan.prompts.warmUp, 4, false);
    const contexts = new Map<number, ContextSample>();
    for (const context of plan.contexts) {
      const fresh = await generate(plan.prompts.at.get(context)!, plan.newTokens, false);
      await generate(plan.prompts.at.get(context)!, FILL_TOKENS, true);
      const reuse = await generate(plan.prompts.grown.get(context)!, REUSE_TOKENS, true);
      contexts.set(context, {
        freshTtftMs: fresh.firstTokenMs,
        reuseTtftMs: reuse.firstTokenMs,
        decodeMsPerToken: perToken(fresh.totalMs, fresh.firstTokenMs, fresh.tokens.length),
        promptTokens: fresh.promptTokens,
        reusedTokens: reuse.reusedTokens,
        text: decode(fresh.tokens),
      });
    }
    const after = processMemory(llama.pid);
    return { loadMs, contexts, baseMB: base.rssMB, rssGrowthMB: after.rssMB - base.rssMB, peakGrowthMB: after.peakMB - base.rssMB };
  } finally {
    await llama.stop();
  }
}
