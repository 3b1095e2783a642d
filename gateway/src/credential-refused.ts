/** A credential the gateway refuses: 401, or 503 when it cannot be checked right now. */
export class CredentialRefused extends Error {
  readonly status: 401 | 503;

  constructor(message: string, status: 401 | 503 = 401) {
    super(message);
    this.status = status;
  }
}
