/**
 * Rules both sides enforce. The server is the authority; the device checks
 * the same numbers first so an inmate sees the problem before anything queues.
 */
export const VIDEOGRAM_MAX_MS = 180_000;
export const DEPOSIT_MIN_CENTS = 2_000;
export const DEPOSIT_MAX_CENTS = 50_000;
/** A PIN is 4–8 digits: typed on the keypad, remembered without writing it down. */
export const PIN_PATTERN = /^[0-9]{4,8}$/;
export const DOC_NUMBER_PATTERN = /^[A-Za-z0-9-]{3,20}$/;
/** Upper bound of a message text, whatever a facility sets (its limit is usually lower). */
export const MESSAGE_HARD_MAX_CHARS = 10_000;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const VIDEOGRAM_MAX_BYTES = 60 * 1024 * 1024;
/** Hearing safety: the music player never goes above this share of full volume unless a facility sets its own cap. */
export const MUSIC_VOLUME_MAX_DEFAULT = 0.8;
export const MUSIC_VOLUME_MAX_RANGE = { min: 0.05, max: 1 } as const;
