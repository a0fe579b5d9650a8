import { z } from 'zod';
import { ReviewMode, SETTING_BOUNDS } from '../domain/facility-settings';
import { defineRoutes, EmptyBody, IdParams, Ok } from './define';

/** The roles a staff account can have (issue #14: finance reads prices and fees). */
/** The staff roles, once for the contract and the server. */
export const StaffRole = z.enum(['admin', 'reviewer', 'technician', 'finance']);
export type StaffRole = z.infer<typeof StaffRole>;
const LinkToken = z.object({ token: z.string().min(10).max(200) }).strict();
const SignedIn = z.object({ status: z.literal('signed-in'), csrf: z.string(), role: StaffRole });
const Unit = z.object({ id: z.string(), name: z.string(), inmates: z.number().int() });
const UnitName = z.object({ name: z.string().trim().min(1).max(100) }).strict();
const StaffMember = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: StaffRole,
  status: z.enum(['invited', 'active', 'deactivated']),
  createdAt: z.number(),
});
const Identity = z.object({ name: z.string(), timeZone: z.string(), locale: z.string(), currency: z.string() });
const Tier = z.object({ upToCents: z.number().int(), feeCents: z.number().int() });
const Bounds = z.object({ min: z.number(), max: z.number() });
const Settings = z.object({
  facility: Identity,
  settings: z.record(z.string(), z.number()),
  feeSchedule: z.array(Tier),
  reviewMode: ReviewMode,
  bounds: z.record(z.enum(Object.keys(SETTING_BOUNDS) as [keyof typeof SETTING_BOUNDS]), Bounds),
});
/**
 * A change to some settings. The values are checked one by one on the server against SETTING_BOUNDS
 * (so a refusal names the field: `setting_out_of_range` { field, min, max }), not here.
 */
const SettingsPatch = z
  .object({
    facility: z.record(z.string(), z.unknown()).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    feeSchedule: z
      .array(z.object({ upToCents: z.unknown(), feeCents: z.unknown() }).strict())
      .max(20)
      .optional(),
    reviewMode: z.unknown().optional(),
  })
  .strict();
const AuditRow = z.object({
  id: z.string(),
  at: z.number(),
  action: z.string(),
  target: z.string().nullable(),
  actor: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});

/** First start (the setup link), staff links, and the admin's units, staff accounts, settings and change log. */
export const facilityAdminRoutes = defineRoutes({
  'setup.status': { method: 'GET', path: '/api/setup/status', output: z.object({ setUp: z.boolean() }) },
  'setup.link': {
    method: 'POST',
    path: '/api/setup/link',
    body: LinkToken,
    output: z.object({ purpose: z.literal('setup'), expiresAt: z.number() }),
  },
  'setup.create': {
    method: 'POST',
    path: '/api/setup',
    body: z.object({ token: z.string(), facility: z.unknown(), admin: z.unknown() }).strict(),
    output: SignedIn,
  },
  'staff.link': {
    method: 'POST',
    path: '/api/staff/link',
    body: LinkToken,
    output: z.object({ purpose: z.enum(['setup', 'invite', 'reset']), email: z.string().nullable() }),
  },
  'staff.link.accept': {
    method: 'POST',
    path: '/api/staff/link/accept',
    body: z
      .object({
        token: z.string().min(10).max(200),
        password: z.string().max(200),
        securityQuestion: z.string().trim().min(3).max(200),
        securityAnswer: z.string().trim().min(1).max(200),
      })
      .strict(),
    output: Ok,
  },
  'admin.units': { method: 'GET', path: '/api/staff/admin/units', output: z.array(Unit) },
  'admin.units.create': {
    method: 'POST',
    path: '/api/staff/admin/units',
    body: UnitName,
    output: z.object({ id: z.string(), name: z.string() }),
  },
  'admin.units.rename': {
    method: 'POST',
    path: '/api/staff/admin/units/:id',
    params: IdParams,
    body: UnitName,
    output: z.object({ id: z.string(), name: z.string() }),
  },
  'admin.staff': { method: 'GET', path: '/api/staff/admin/staff', output: z.array(StaffMember) },
  'admin.staff.invite': {
    method: 'POST',
    path: '/api/staff/admin/staff',
    body: z
      .object({ email: z.email().max(200), displayName: z.string().trim().min(1).max(100), role: StaffRole })
      .strict(),
    output: z.object({ id: z.string() }),
  },
  'admin.staff.role': {
    method: 'POST',
    path: '/api/staff/admin/staff/:id/role',
    params: IdParams,
    body: z.object({ role: StaffRole }).strict(),
    output: Ok,
  },
  'admin.staff.deactivate': {
    method: 'POST',
    path: '/api/staff/admin/staff/:id/deactivate',
    params: IdParams,
    body: EmptyBody,
    output: Ok,
  },
  'admin.settings': { method: 'GET', path: '/api/staff/admin/settings', output: Settings },
  'admin.settings.update': {
    method: 'POST',
    path: '/api/staff/admin/settings',
    body: SettingsPatch,
    output: Settings,
  },
  'admin.audit': {
    method: 'GET',
    path: '/api/staff/admin/audit',
    query: z.object({ before: z.coerce.number().int().positive().optional() }).strict(),
    output: z.array(AuditRow),
  },
});
