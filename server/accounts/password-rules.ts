import { HttpError } from '../http/http-error';

const commonPasswords = new Set([
  'password123',
  '1234567890',
  'qwertyuiop',
  'iloveyou123',
  'password1234',
  '12345678910',
  'letmein1234',
]);

/** The rules for a family password (sign-up and reset). */
export function checkPassword(password: string): void {
  if (password.length < 10 || password.length > 200)
    throw new HttpError(400, 'weak_password', 'Passwords need at least 10 characters.');
  if (commonPasswords.has(password.toLowerCase()))
    throw new HttpError(400, 'weak_password', 'This password is too common.');
}
