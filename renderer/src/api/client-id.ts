/** A fresh id for one user action, sent with it so a retried tap never makes a second message or charge. */
export function newClientId(): string {
  return crypto.randomUUID();
}
