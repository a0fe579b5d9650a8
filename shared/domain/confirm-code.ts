/**
 * The short code a technician types to confirm a wipe or re-enroll: the device id's last six
 * letters and digits, in capitals ("…-00000000abcd" → "00ABCD"). Shown on screen beside the request,
 * it proves a deliberate act on this device without 36 characters on the on-screen keyboard.
 * It is not a secret: the technician is already signed in; the code only stops a slip of the finger.
 */
export const confirmCodeLength = 6;

export function confirmCodeFor(deviceId: string): string {
  return deviceId
    .replace(/[^0-9a-z]/gi, '')
    .slice(-confirmCodeLength)
    .toUpperCase();
}

/** What the technician typed matches: case, spaces and dashes do not matter; the full id is accepted too. */
export function confirmMatches(typed: string | undefined, deviceId: string): boolean {
  if (typed === undefined) return false;
  const clean = typed.replace(/[\s-]/g, '').toUpperCase();
  if (clean.length === 0) return false;
  return clean === confirmCodeFor(deviceId) || clean === deviceId.replace(/-/g, '').toUpperCase();
}
