// Starts llamaCppChild.ts in its own Node process and sends it requests (see llamaCppProtocol.ts).
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { LlamaReply, LlamaRequest } from './llamaCppProtocol';

/** Where `npm run bench:peer` installs node-llama-cpp (this folder's own package.json and lock). */
export const PEER_MODULES = path.join(__dirname, 'node_modules');

type Pending = { resolve: (reply: LlamaReply) => void; reject: (err: Error) => void };

export class LlamaCppProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly started: Promise<LlamaReply>;

  constructor() {
    this.child = fork(path.join(__dirname, 'llamaCppChild.ts'), [], {
      execArgv: ['--import', 'tsx'],
      // No build, no download, no GPU probing: the prebuilt CPU binary or an error.
      env: { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true', NODE_LLAMA_CPP_GPU: 'false' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.started = new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }));
    this.child.on('message', (m: { id: number; reply?: LlamaReply; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.reply) waiting?.resolve(m.reply);
      else waiting?.reject(new Error(`llama.cpp child: ${m.error}`));
    });
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`llama.cpp child exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  async request<K extends LlamaReply['kind']>(request: LlamaRequest, expect: K): Promise<Extract<LlamaReply, { kind: K }>> {
    await this.started;
    const id = this.nextId++;
    const reply = await new Promise<LlamaReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, request });
    });
    if (reply.kind !== expect) throw new Error(`llama.cpp child answered ${reply.kind}, expected ${expect}`);
    return reply as Extract<LlamaReply, { kind: K }>;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
