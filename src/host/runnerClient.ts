import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type CancellationToken,
  type MessageConnection,
  type RequestType,
  type RequestType0,
} from 'vscode-jsonrpc/node';
import { delay } from '../core/delay';
import { RestartPolicy } from '../core/restartPolicy';
import { describeRunnerExit } from '../core/runnerExit';
import { RunnerWatchdog } from './runnerWatchdog';
import { ChecksMethods, ChecksNotifications, type ClassifyParams, type ClassifyResult } from '../protocol';
import { Methods, Notifications, PlaygroundMethods, PlaygroundNotifications, type InitializeParams, type PlaygroundParams, type PlaygroundResult, type PlaygroundTokensParams, type ProgressParams } from '../protocol';

export interface RunnerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type RunnerState = 'stopped' | 'starting' | 'ready' | 'crashed' | 'gave-up';

export interface RunnerClientOptions {
  runnerPath: string;
  log: RunnerLog;
  /** Read at every (re)start, so a restarted runner gets current settings. */
  initializeParams: () => InitializeParams;
  onStateChange?: (state: RunnerState) => void;
  onProgress?: (progress: ProgressParams) => void;
  /** Called once the restart policy gives up. */
  onGaveUp?: (crashes: number) => void;
  policy?: RestartPolicy;
  /** The runner's V8 heap limit (`--max-old-space-size`), in MB. */
  heapLimitMB?: number;
  /** The watchdog: while requests are in flight, a ping every `heartbeatMs`; no answer for `unresponsiveMs` and the runner is killed and restarted. */
  heartbeatMs?: number;
  unresponsiveMs?: number;
}

export const DEFAULT_HEAP_LIMIT_MB = 4096;
/** Longer than any single step the runner blocks its event loop for (loading a large model, one forward pass of a long prompt). */
export const DEFAULT_UNRESPONSIVE_MS = 60_000;

/** A request rejected because the runner stopped answering and the watchdog stopped it. */
export class RunnerUnresponsiveError extends Error {
  constructor(seconds: number) {
    super(`The Inkwell model runner stopped responding for ${seconds} s (stuck on a request), so Inkwell stopped it; it restarts by itself. The request was not completed: try again, and if it happens again with this model, choose another model.`);
    this.name = 'RunnerUnresponsiveError';
  }
}

/** A request rejected because the runner went away under it. */
export class RunnerCrashedError extends Error {
  constructor(detail: string) {
    super(`The Inkwell model runner stopped unexpectedly (${detail}). The request was not completed; it restarts by itself, so try again.`);
    this.name = 'RunnerCrashedError';
  }
}

interface Running {
  child: ChildProcess;
  connection: MessageConnection;
  ready: Promise<void>;
  /** Settled when the child exits; rejects in-flight requests. */
  exited: Promise<never>;
  /** Set by the watchdog before it kills a runner that stopped answering. */
  unresponsive?: boolean;
}

/**
 * The host's handle on the model runner process: starts it on first need,
 * routes streamed chunks, rejects in-flight requests when it crashes, and
 * restarts it with backoff until the policy gives up.
 */
export class RunnerClient {
  private running: Running | undefined;
  private state: RunnerState = 'stopped';
  private readonly streams = new Map<string, (text: string) => void>();
  private readonly tokenStreams = new Map<string, (tokens: PlaygroundTokensParams) => void>();
  private readonly classifyProgress = new Map<string, (done: number, total: number) => void>();
  private readonly policy: RestartPolicy;
  private restartTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly watchdog: RunnerWatchdog;

  constructor(private readonly options: RunnerClientOptions) {
    this.policy = options.policy ?? new RestartPolicy();
    this.watchdog = new RunnerWatchdog({
      heartbeatMs: options.heartbeatMs ?? 5_000,
      unresponsiveMs: options.unresponsiveMs ?? DEFAULT_UNRESPONSIVE_MS,
      ping: () => (this.running && this.state === 'ready' ? this.running.connection.sendRequest(Methods.ping) : undefined),
      onUnresponsive: () => {
        const running = this.running;
        if (!running) return;
        this.options.log.error(`The model runner did not answer for ${Math.round((options.unresponsiveMs ?? DEFAULT_UNRESPONSIVE_MS) / 1000)} s; stopping it.`);
        running.unresponsive = true;
        running.child.kill('SIGKILL');
      },
    });
  }

  get currentState(): RunnerState {
    return this.state;
  }

  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  /** Sends a request, starting the runner if needed. Cancelling the token cancels it in the runner. */
  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: CancellationToken): Promise<R> {
    return this.watchdog.watch(async () => {
      const running = await this.ensureStarted();
      return Promise.race([running.connection.sendRequest(type, params, token), running.exited]);
    });
  }

  async request0<R>(type: RequestType0<R, void>, token?: CancellationToken): Promise<R> {
    return this.watchdog.watch(async () => {
      const running = await this.ensureStarted();
      return Promise.race([running.connection.sendRequest(type, token), running.exited]);
    });
  }

  /** Sends a streaming request: `onChunk` gets text pieces in order until the result arrives. */
  async stream<P extends { streamId?: string }, R>(type: RequestType<P, R, void>, params: P, onChunk: (text: string) => void, token?: CancellationToken): Promise<R> {
    const streamId = randomUUID();
    this.streams.set(streamId, onChunk);
    try {
      return await this.request(type, { ...params, streamId }, token);
    } finally {
      this.streams.delete(streamId);
    }
  }

  /** The Playground's request: `onTokens` gets each sequence's tokens (with probabilities) as they are generated. */
  async playground(params: PlaygroundParams, onTokens: (tokens: PlaygroundTokensParams) => void, token?: CancellationToken): Promise<PlaygroundResult> {
    const streamId = randomUUID();
    this.tokenStreams.set(streamId, onTokens);
    try {
      return await this.request(PlaygroundMethods.generate, { ...params, streamId }, token);
    } finally {
      this.tokenStreams.delete(streamId);
    }
  }

  /** The writing checks' classification: `onProgress` gets texts done / total after each batch. */
  async classify(params: ClassifyParams, onProgress: (done: number, total: number) => void, token?: CancellationToken): Promise<ClassifyResult> {
    const progressId = randomUUID();
    this.classifyProgress.set(progressId, onProgress);
    try {
      return await this.request(ChecksMethods.classify, { ...params, progressId }, token);
    } finally {
      this.classifyProgress.delete(progressId);
    }
  }

  /** Re-sends settings to a running runner (no restart needed). */
  async reconfigure(): Promise<void> {
    const running = this.running;
    if (!running) return; // the next start reads the settings anyway
    await running.ready; // a runner still starting got the old settings with its initialize
    if (this.running === running) await running.connection.sendRequest(Methods.initialize, this.options.initializeParams());
  }

  /** Stops the runner and starts a fresh one, forgetting past crashes. */
  async restart(): Promise<void> {
    this.policy.reset();
    await this.stop();
    await this.ensureStarted();
  }

  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    const running = this.running;
    this.running = undefined;
    if (!running) {
      this.setState('stopped');
      return;
    }
    running.exited.catch(() => undefined);
    try {
      await Promise.race([running.connection.sendRequest(Methods.shutdown), delay(2000, undefined, { unref: true })]);
    } catch {
      // Already gone.
    }
    running.connection.dispose();
    if (running.child.exitCode === null) running.child.kill();
    this.setState('stopped');
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.watchdog.stop();
    return this.stop();
  }

  private ensureStarted(): Promise<Running> {
    if (this.disposed) return Promise.reject(new Error('Inkwell is shutting down.'));
    if (this.state === 'gave-up') {
      return Promise.reject(new Error('The Inkwell model runner crashed repeatedly and was not restarted. Run "Inkwell: Restart Model Runner" to try again.'));
    }
    if (!this.running) this.running = this.spawn();
    const running = this.running;
    return running.ready.then(() => running);
  }

  private spawn(): Running {
    this.setState('starting');
    const child = fork(this.options.runnerPath, [], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      // The runner is a plain bundle: no inspector or loader flags from the host's own command line; a bounded heap.
      execArgv: [`--max-old-space-size=${this.options.heapLimitMB ?? DEFAULT_HEAP_LIMIT_MB}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = this.options.log;
    child.stdout?.on('data', (data: Buffer) => log.info(`[runner] ${data.toString().trimEnd()}`));
    child.stderr?.on('data', (data: Buffer) => log.warn(`[runner] ${data.toString().trimEnd()}`));
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.onNotification(Notifications.chunk, ({ streamId, text }) => this.streams.get(streamId)?.(text));
    connection.onNotification(Notifications.progress, (p) => this.options.onProgress?.(p));
    connection.onNotification(PlaygroundNotifications.tokens, (p) => this.tokenStreams.get(p.streamId)?.(p));
    connection.onNotification(ChecksNotifications.progress, (p) => this.classifyProgress.get(p.progressId)?.(p.done, p.total));
    connection.listen();

    const running: Running = { child, connection, ready: Promise.resolve(), exited: Promise.resolve() as unknown as Promise<never> };
    running.exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => {
        const detail = running.unresponsive ? 'stopped by the watchdog: not responding' : describeRunnerExit(code, signal, process.platform);
        reject(running.unresponsive ? new RunnerUnresponsiveError(Math.round((this.options.unresponsiveMs ?? DEFAULT_UNRESPONSIVE_MS) / 1000)) : new RunnerCrashedError(detail));
        this.onExit(child, detail);
      });
    });
    running.exited.catch(() => undefined);
    running.ready = Promise.race([connection.sendRequest(Methods.initialize, this.options.initializeParams()), running.exited]).then((result) => {
      log.info(`Model runner started (pid ${result.pid}, transformers.js ${result.versions.transformers}, node ${result.versions.node}).`);
      this.setState('ready');
    });
    running.ready.catch(() => undefined);
    return running;
  }

  private onExit(child: ChildProcess, detail: string): void {
    if (this.running?.child !== child) return; // a stop we asked for
    this.running.connection.dispose();
    this.running = undefined;
    this.options.log.error(`Model runner stopped unexpectedly (${detail}).`);
    const decision = this.policy.onCrash(Date.now());
    if (!decision.restart) {
      this.setState('gave-up');
      this.options.onGaveUp?.(this.policy.recentCrashes);
      return;
    }
    this.setState('crashed');
    this.options.log.info(`Restarting the model runner in ${decision.delayMs} ms.`);
    this.restartTimer = setTimeout(() => {
      if (!this.disposed && !this.running) void this.ensureStarted().catch((err: unknown) => this.options.log.error(String(err)));
    }, decision.delayMs);
  }

  private setState(state: RunnerState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }
}
