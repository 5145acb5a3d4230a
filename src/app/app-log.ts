/** The structured logger the App writes to (Probot's pino logger fits): a static message plus fields. */
export interface AppLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
