/** Builds the download's progress notifications: overall and per-file bytes, throttled. */
import type { DownloadProgressParams, ProgressParams } from '../../protocol';

const INTERVAL_MS = 100;

export class DownloadProgress {
  private overall = 0;
  private fileBase = 0;
  private file = '';
  private fileLoaded = 0;
  private fileTotal = 0;
  private lastSent = 0;

  constructor(
    private readonly model: string,
    private readonly overallTotal: number,
    private readonly sink: (p: ProgressParams) => void,
  ) {
    this.send('initiate');
  }

  beginFile(file: string, size: number): void {
    this.file = file;
    this.fileTotal = size;
    this.fileLoaded = 0;
    this.fileBase = this.overall;
    this.send('progress');
  }

  bytes(n: number): void {
    this.fileLoaded += n;
    this.overall += n;
    if (Date.now() - this.lastSent >= INTERVAL_MS) this.send('progress');
  }

  /** The file is fetched again: its bytes so far no longer count. */
  restartFile(): void {
    this.overall = this.fileBase;
    this.fileLoaded = 0;
  }

  endFile(): void {
    this.send('progress');
  }

  done(): void {
    this.file = '';
    this.send('done');
  }

  private send(status: 'initiate' | 'progress' | 'done'): void {
    this.lastSent = Date.now();
    const progress = this.overallTotal > 0 ? (100 * this.overall) / this.overallTotal : 100;
    const p: DownloadProgressParams = {
      kind: 'download',
      model: this.model,
      status,
      ...(this.file ? { file: this.file, loaded: this.fileLoaded, total: this.fileTotal } : {}),
      progress,
      overallLoaded: this.overall,
      overallTotal: this.overallTotal,
    };
    this.sink(p);
  }
}
