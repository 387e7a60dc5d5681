// Messages between bench:peer and its llama.cpp child process (llamaCppChild.ts).
export type LlamaRequest =
  /** Loads node-llama-cpp from `modulePath` and its prebuilt CPU binary. */
  | { kind: 'init'; modulePath: string }
  /** `kvCacheType`: the KV cache's ggml type (llama.cpp's default: F16). */
  | { kind: 'load'; modelPath: string; contextSize: number; threads: number; kvCacheType?: 'F32' | 'F16' }
  | { kind: 'tokenize'; text: string }
  /** Greedy, exactly `newTokens` tokens; `reuse`: keep the sequence's tokens that the prompt starts with. */
  | { kind: 'generate'; text: string; newTokens: number; reuse: boolean };

export type LlamaReply =
  | { kind: 'started' }
  | { kind: 'ready'; libraryMs: number; buildType: string }
  | { kind: 'loaded'; loadMs: number }
  | { kind: 'tokens'; tokens: number[] }
  | { kind: 'generated'; promptTokens: number; reusedTokens: number; tokens: number[]; firstTokenMs: number; totalMs: number };
