/**
 * The runner's settings, in one object: what the host sent in the last
 * `initialize` (folders, threads, offline mode, backend, idle unload). Every
 * part of the runner reads them here, at the moment it needs them, so a
 * reconfigure applies at once.
 */
import { settingId } from '../config';
import { RunnerErrorCode, runsOnServer, type InitializeParams, type Task } from '../protocol';
import { runnerError } from './errors';
import { hostPlatform, sameFolder } from './modelPaths';
import type { ServerBackend } from './server/serverErrors';

export class RunnerSettings {
  private current: InitializeParams = { cacheDir: '', localModelPath: '', offline: false, threads: 0 };

  get value(): Readonly<InitializeParams> {
    return this.current;
  }

  /** Takes new settings; true when the models loaded so far must be loaded again (another models folder or thread count). */
  apply(next: InitializeParams): boolean {
    const before = this.current;
    this.current = next;
    return !sameFolder(before.localModelPath, next.localModelPath, hostPlatform()) || before.threads !== next.threads;
  }

  /** Models unused this long are unloaded; 0: never. */
  get idleUnloadMs(): number {
    const minutes = this.current.idleUnloadMinutes ?? 0;
    return minutes > 0 ? minutes * 60_000 : 0;
  }

  /**
   * The configured server when `task` runs there (see `runsOnServer`), else undefined (local models).
   * Offline mode forbids any network use: then a clear error, not a silent local fallback.
   */
  serverFor(task: Task): ServerBackend | undefined {
    const backend = this.current.backend;
    if (!runsOnServer(backend, task) || backend?.kind !== 'openai-compatible') return undefined;
    if (this.current.offline) {
      throw runnerError(
        RunnerErrorCode.ServerUnreachable,
        `Offline mode is on ("${settingId('offline')}"), so Inkwell does not contact the server at ${backend.baseUrl}. Turn offline mode off, or set "${settingId('backend')}" to "local".`,
      );
    }
    return backend;
  }
}
