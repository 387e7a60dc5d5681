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
import { RestartPolicy } from '../core/restartPolicy';
import { describeRunnerExit } from '../core/runnerExit';
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
  private readonly policy: RestartPolicy;
  private restartTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: RunnerClientOptions) {
    this.policy = options.policy ?? new RestartPolicy();
  }

  get currentState(): RunnerState {
    return this.state;
  }

  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  /** Sends a request, starting the runner if needed. Cancelling the token cancels it in the runner. */
  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: CancellationToken): Promise<R> {
    const running = await this.ensureStarted();
    return Promise.race([running.connection.sendRequest(type, params, token), running.exited]);
  }

  async request0<R>(type: RequestType0<R, void>, token?: CancellationToken): Promise<R> {
    const running = await this.ensureStarted();
    return Promise.race([running.connection.sendRequest(type, token), running.exited]);
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
      await Promise.race([running.connection.sendRequest(Methods.shutdown), delay(2000)]);
    } catch {
      // Already gone.
    }
    running.connection.dispose();
    if (running.child.exitCode === null) running.child.kill();
    this.setState('stopped');
  }

  dispose(): Promise<void> {
    this.disposed = true;
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
      // The runner is a plain bundle: no inspector or loader flags from the host's own command line.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = this.options.log;
    child.stdout?.on('data', (data: Buffer) => log.info(`[runner] ${data.toString().trimEnd()}`));
    child.stderr?.on('data', (data: Buffer) => log.warn(`[runner] ${data.toString().trimEnd()}`));
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.onNotification(Notifications.chunk, ({ streamId, text }) => this.streams.get(streamId)?.(text));
    connection.onNotification(Notifications.progress, (p) => this.options.onProgress?.(p));
    connection.onNotification(PlaygroundNotifications.tokens, (p) => this.tokenStreams.get(p.streamId)?.(p));
    connection.listen();

    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => {
        const detail = describeRunnerExit(code, signal, process.platform);
        reject(new RunnerCrashedError(detail));
        this.onExit(child, detail);
      });
    });
    exited.catch(() => undefined);
    const ready = Promise.race([connection.sendRequest(Methods.initialize, this.options.initializeParams()), exited]).then((result) => {
      log.info(`Model runner started (pid ${result.pid}, transformers.js ${result.versions.transformers}, node ${result.versions.node}).`);
      this.setState('ready');
    });
    ready.catch(() => undefined);
    return { child, connection, ready, exited };
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
