// The Inkwell side of bench:peer: the real bundled runner (dist/runner.js) in its own process, asked
// for ghost-text completions (`complete`) exactly as the extension asks, so whatever decode path the
// runner uses is what gets measured.
import { Methods, type CompleteResult } from '../../../src/protocol';
import { startTestRunner, type TestRunner } from '../../unit/runnerHarness';

export class InkwellProcess {
  private readonly runner: TestRunner;

  constructor(threads: number) {
    this.runner = startTestRunner({ threads });
  }

  /** Starts the runner process (status answers once it is up). */
  async start(): Promise<void> {
    await this.runner.client.request0(Methods.status);
  }

  get pid(): number {
    return this.runner.client.pid ?? 0;
  }

  async load(model: string, dtype: 'q4' | 'q8' | 'fp32'): Promise<number> {
    const loaded = await this.runner.client.request(Methods.loadModel, { task: 'text-generation', model, dtype });
    return loaded.loadMs;
  }

  /** Greedy, exactly `newTokens` tokens, no stop strings; `reuse`: the document's cached prefix is used. */
  complete(model: string, dtype: 'q4' | 'q8' | 'fp32', prompt: string, newTokens: number, reuse: boolean): Promise<CompleteResult> {
    return this.runner.client.request(Methods.complete, {
      documentId: 'bench-peer',
      model,
      dtype,
      prompt,
      n: 1,
      maxNewTokens: newTokens,
      minNewTokens: newTokens,
      temperature: 0,
      reuseCache: reuse,
    });
  }

  async stop(): Promise<void> {
    await this.runner.client.dispose();
  }
}
