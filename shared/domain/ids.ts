import { z } from 'zod';

/** Every id is a UUIDv7 (time-ordered, so B-tree inserts stay append-only). */
export const Id = z.uuid({ version: 'v7' });
export type Id = z.infer<typeof Id>;

/** UTC epoch milliseconds: the only time format stored or sent; local time exists only on screen. */
export const EpochMs = z.number().int().nonnegative();

/** Money is integer cents, never floats. */
export const Cents = z.number().int();
export const NonNegativeCents = z.number().int().nonnegative();

/** Lower-case hex SHA-256: the address of every media blob. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export type Sha256 = z.infer<typeof Sha256>;
