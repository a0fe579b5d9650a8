// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, routeUrl } from '../../../portal/src/common/api';

const answer = (status: number, body: unknown) =>
  vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));

afterEach(() => vi.unstubAllGlobals());

describe('the portal client of the typed contract', () => {
  it('parses an answer with the route output schema and returns the parsed value', async () => {
    const fetchMock = answer(200, { email: null, facilities: ['North'], extra: 'dropped' });
    vi.stubGlobal('fetch', fetchMock);
    await expect(call('family.support')).resolves.toEqual({ email: null, facilities: ['North'] });
    expect(fetchMock).toHaveBeenCalledWith('/api/family/support', expect.objectContaining({ method: 'GET' }));
  });

  it('refuses an answer that drifted from the contract, instead of handing the screen a wrong shape', async () => {
    vi.stubGlobal('fetch', answer(200, { email: null, facilities: 'North' }));
    const error = await call('family.support').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('bad_response');
  });

  it('fills path parameters and the query, sends the body as JSON, and turns an error answer into its code', async () => {
    const fetchMock = answer(404, { error: 'not_found', message: 'No such deposit', params: {} });
    vi.stubGlobal('fetch', fetchMock);
    const id = '0190a1b2-c3d4-7e5f-8a9b-000000000001';
    const error = await call('family.deposits.cancel', { params: { id }, body: {} }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('not_found');
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/family/deposits/${id}/cancel`,
      expect.objectContaining({ method: 'POST', body: '{}' }),
    );
    expect(routeUrl('family.deposits.quote', { query: { contactId: id, amountCents: 2550 } })).toBe(
      `/api/family/deposits/quote?contactId=${id}&amountCents=2550`,
    );
  });
});
