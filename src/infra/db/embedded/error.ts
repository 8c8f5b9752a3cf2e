/** A start-up failure of the embedded PostgreSQL, with what to do about it. */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}
