import { z } from 'zod';
import { defineRoutes, Ok, redirect } from './define';

const Email = z.email().max(200);
const ResetToken = z.string().min(20).max(100);
const SignedIn = z.object({ status: z.literal('signed-in'), csrf: z.string() });

const ContactStatus = z.enum(['pending', 'approved', 'blocked']);

/** A family's account: sign-up, sign-in (with the security question on a new browser), passwords, contacts. */
export const familyAccountRoutes = defineRoutes({
  'family.signup': {
    method: 'POST',
    path: '/api/family/signup',
    body: z
      .object({
        email: Email,
        password: z.string().max(200),
        displayName: z.string().trim().min(1).max(100),
        securityQuestion: z.string().trim().min(5).max(200),
        securityAnswer: z.string().trim().min(1).max(200),
      })
      .strict(),
    // The same answer for every address: whether it has an account is told by mail only.
    output: z.object({ status: z.literal('check-email') }),
  },
  'family.confirm': {
    method: 'POST',
    path: '/api/family/confirm',
    body: z.object({ token: ResetToken }).strict(),
    output: Ok,
  },
  'family.signin': {
    method: 'POST',
    path: '/api/family/signin',
    body: z.object({ email: Email, password: z.string().max(200) }).strict(),
    output: z.discriminatedUnion('status', [
      SignedIn,
      z.object({ status: z.literal('security-question'), question: z.string(), challengeId: z.string() }),
    ]),
  },
  'family.signin.answer': {
    method: 'POST',
    path: '/api/family/signin/answer',
    body: z.object({ challengeId: z.string().max(100), answer: z.string().max(200) }).strict(),
    output: SignedIn,
  },
  'family.signout': { method: 'POST', path: '/api/family/signout', output: Ok },
  'family.signout-everywhere': { method: 'POST', path: '/api/family/signout-everywhere', output: Ok },
  'family.password.forgot': {
    method: 'POST',
    path: '/api/family/password/forgot',
    body: z.object({ email: Email }).strict(),
    output: Ok,
  },
  'family.password.reset': {
    method: 'POST',
    path: '/api/family/password/reset',
    body: z.object({ token: ResetToken, newPassword: z.string().max(200) }).strict(),
    output: Ok,
  },
  // Links mailed before the reset page moved into the portal: the token goes on in the fragment.
  'family.reset-link': {
    method: 'GET',
    path: '/family/reset',
    query: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict(),
    output: redirect,
  },
  'family.me': {
    method: 'GET',
    path: '/api/family/me',
    output: z.object({
      account: z.object({ id: z.string(), email: z.string(), display_name: z.string() }),
      contacts: z.array(
        z.object({
          id: z.string(),
          status: ContactStatus,
          first_name: z.string(),
          last_name: z.string(),
          doc_number: z.string(),
          facility: z.string(),
        }),
      ),
    }),
  },
  'family.contacts.request': {
    method: 'POST',
    path: '/api/family/contacts',
    body: z
      .object({ docNumber: z.string().trim().min(3).max(20), relationship: z.string().max(100).nullable() })
      .strict(),
    output: z.object({ id: z.string(), status: ContactStatus }),
  },
  // Public: the help page is for people who cannot sign in, too.
  'family.support': {
    method: 'GET',
    path: '/api/family/support',
    output: z.object({ email: z.string().nullable(), facilities: z.array(z.string()) }),
  },
});
