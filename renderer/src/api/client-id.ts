import { uuidv7 } from 'uuidv7';

/**
 * A fresh id for one user action, sent with it so a retried tap never makes a
 * second message or charge. UUIDv7 (time-ordered), the form the server keys on.
 */
export function newClientId(): string {
  return uuidv7();
}
