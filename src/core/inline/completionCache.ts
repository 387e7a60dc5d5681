/**
 * Caches completions so repeated requests at the same place, and requests made while the
 * user types what a suggestion already proposed ("typing along"), need no model call.
 * Store final (post-processed) completions: typing along returns their unconsumed rest.
 */
import { LRUCache } from 'lru-cache';

/** Settings that change a suggestion, by name. */
export type SuggestionSettings = Readonly<Record<string, string | number | boolean>>;

/** One string for equal settings whatever their key order. */
const settingsKey = (settings: SuggestionSettings): string => JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export interface CacheKeyParts {
  /** The document (its URI string); scopes the typing-along lookup. */
  documentId: string;
  modelId: string;
  /** Every other setting that changes the output (precision, length, number of suggestions…). */
  settings: SuggestionSettings;
  /** Full text before the cursor (the cache keeps only its tail). */
  prefix: string;
  /** Full text after the cursor (the cache keeps only its head). */
  suffix: string;
}

export interface CompletionCacheOptions {
  /** LRU capacity in entries (default 256). */
  maxEntries?: number;
  /** Characters of prefix in the key (default 500). */
  prefixTail?: number;
  /** Characters of suffix in the key (default 100). */
  suffixHead?: number;
  /** Recent requests remembered per document for typing along (default 8). */
  recentPerDocument?: number;
  /** Completions kept per entry (default 3). */
  maxCompletions?: number;
  /** Longest run of typed characters still served from a suggestion (default 200). */
  maxTypedAhead?: number;
}

interface RecentEntry {
  modelId: string;
  settings: string;
  prefixLength: number;
  prefixTail: string;
  suffixHead: string;
  completions: string[];
}

export class CompletionCache {
  private readonly entries: LRUCache<string, string[]>;
  private readonly recent: LRUCache<string, RecentEntry[]>;
  private readonly prefixTail: number;
  private readonly suffixHead: number;
  private readonly recentPerDocument: number;
  private readonly maxCompletions: number;
  private readonly maxTypedAhead: number;

  constructor(options: CompletionCacheOptions = {}) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 256 });
    this.recent = new LRUCache({ max: 64 });
    this.prefixTail = options.prefixTail ?? 500;
    this.suffixHead = options.suffixHead ?? 100;
    this.recentPerDocument = options.recentPerDocument ?? 8;
    this.maxCompletions = options.maxCompletions ?? 3;
    this.maxTypedAhead = options.maxTypedAhead ?? 200;
  }

  private key(parts: CacheKeyParts): string {
    return JSON.stringify([parts.modelId, settingsKey(parts.settings), parts.prefix.slice(-this.prefixTail), parts.suffix.slice(0, this.suffixHead)]);
  }

  /**
   * Cached completions for this cursor: an exact hit, or else the rest of earlier
   * suggestions whose start the user has typed since. Undefined on a miss.
   */
  get(parts: CacheKeyParts): string[] | undefined {
    const exact = this.entries.get(this.key(parts));
    if (exact) return [...exact];
    const suffixHead = parts.suffix.slice(0, this.suffixHead);
    const settings = settingsKey(parts.settings);
    for (const entry of this.recent.get(parts.documentId) ?? []) {
      if (entry.modelId !== parts.modelId || entry.settings !== settings || entry.suffixHead !== suffixHead) continue;
      const typedLength = parts.prefix.length - entry.prefixLength;
      if (typedLength <= 0 || typedLength > this.maxTypedAhead) continue;
      const oldTail = parts.prefix.slice(entry.prefixLength - entry.prefixTail.length, entry.prefixLength);
      if (oldTail !== entry.prefixTail) continue;
      const typed = parts.prefix.slice(entry.prefixLength);
      const rests = entry.completions.filter((c) => c.length > typed.length && c.startsWith(typed)).map((c) => c.slice(typed.length));
      if (rests.length > 0) return rests;
    }
    return undefined;
  }

  /** Remembers up to `maxCompletions` distinct non-empty completions for this cursor. */
  set(parts: CacheKeyParts, completions: readonly string[]): void {
    const kept = [...new Set(completions.filter((c) => c !== ''))].slice(0, this.maxCompletions);
    if (kept.length === 0) return;
    this.entries.set(this.key(parts), kept);
    const entry: RecentEntry = {
      modelId: parts.modelId,
      settings: settingsKey(parts.settings),
      prefixLength: parts.prefix.length,
      prefixTail: parts.prefix.slice(-this.prefixTail),
      suffixHead: parts.suffix.slice(0, this.suffixHead),
      completions: kept,
    };
    const list = (this.recent.get(parts.documentId) ?? []).filter(
      (e) => !(e.prefixLength === entry.prefixLength && e.prefixTail === entry.prefixTail && e.suffixHead === entry.suffixHead),
    );
    this.recent.set(parts.documentId, [entry, ...list].slice(0, this.recentPerDocument));
  }

  /** Forgets one document's typing-along history (e.g. when it closes). */
  forgetDocument(documentId: string): void {
    this.recent.delete(documentId);
  }

  /** Forgets everything (e.g. when the model changes). */
  clear(): void {
    this.entries.clear();
    this.recent.clear();
  }
}
