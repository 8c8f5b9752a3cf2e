import type { Logger } from "pino";

/** Who wants to hear that the match index changed (MatchIndex.onChanged); a failing listener is logged, never thrown. */
export class ChangeListeners {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: Logger) {}

  /** Adds a listener; returns its unsubscribe. */
  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.log.error({ err: error }, "a match index listener failed");
      }
    }
  }
}
