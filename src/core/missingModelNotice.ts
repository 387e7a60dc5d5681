/**
 * When ghost text cannot run because its model is not downloaded, the user is told
 * once, not on every keystroke. The notice shows for a model the first time it is
 * missing; after that, nothing more about that model until the user acts (chooses
 * another model, which is a new key) or asks (an explicit trigger, or the status menu).
 * While a notice is open, no second one shows.
 */

/** How the notice was answered. `dismissed`: closed without choosing. */
export type MissingModelAnswer = 'download' | 'choose' | 'notNow' | 'dismissed';

export class MissingModelNotice {
  private showing = false;
  /** Models (keys) the user was already told about. */
  private readonly told = new Set<string>();

  /**
   * Should the notice for `modelKey` show now? Reserves it when true: call `answered`
   * when it closes. `asked` is true when the user asked for a suggestion explicitly.
   */
  take(modelKey: string, asked: boolean): boolean {
    if (this.showing) return false;
    if (this.told.has(modelKey) && !asked) return false;
    this.showing = true;
    this.told.add(modelKey);
    return true;
  }

  /** The notice closed. Whatever the answer, this model is not mentioned again unless asked. */
  answered(_answer: MissingModelAnswer): void {
    this.showing = false;
  }

  /** The model is there now (downloaded): should it go missing again, say so again. */
  found(modelKey: string): void {
    this.told.delete(modelKey);
  }
}
