/** Flow metadata (issue 16): `customFields` set on create/update, returned, and filtered on by `GET /flows`. */
import { createApiClient } from '@weft/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

describe('custom fields of flows', () => {
  let weft: TestWeft;
  let ann: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    ann = await weft.signup();
  });
  afterAll(() => weft.close());

  it('are saved with a flow, replaced on update, and filter the list by their text form', async () => {
    const gold = await ann.call<{ flowId: string }>('POST', '/flows', { name: 'Gold sync', flow: {}, customFields: { segment: 'gold', seats: 12, trial: false } });
    expect(gold.status).toBe(201);
    await ann.call('POST', '/flows', { name: 'Silver sync', flow: {}, customFields: { segment: 'silver', seats: 3 } });
    await ann.call('POST', '/flows', { name: 'Untagged', flow: {} });
    expect((await ann.call<{ customFields: unknown }>('GET', `/flows/${gold.body.flowId}`)).body.customFields).toEqual({ segment: 'gold', seats: 12, trial: false });

    const names = async (query: string) => (await ann.call<{ items: { name: string }[] }>('GET', `/flows?sort=name&order=asc&${query}`)).body.items.map((flow) => flow.name);
    expect(await names('customFields.segment=gold')).toEqual(['Gold sync']);
    expect(await names('customFields.seats=3')).toEqual(['Silver sync']);
    expect(await names('customFields.trial=false&customFields.segment=gold')).toEqual(['Gold sync']);
    expect(await names('customFields.segment=bronze')).toEqual([]);

    // The typed client spells the filter the same way.
    const api = createApiClient({ baseUrl: weft.url, getToken: () => ann.token });
    expect((await api.listFlows({ customFields: { segment: 'silver' } })).items.map((flow) => flow.name)).toEqual(['Silver sync']);

    const current = (await ann.call<{ version: number }>('GET', `/flows/${gold.body.flowId}`)).body.version;
    const updated = await ann.call<{ customFields?: unknown }>('PUT', `/flows/${gold.body.flowId}`, { version: current, customFields: { segment: 'platinum' } });
    expect(updated.body.customFields).toEqual({ segment: 'platinum' });
    expect(await names('customFields.segment=platinum')).toEqual(['Gold sync']);
  });

  it('another tenant\'s flows never match, whatever the filter', async () => {
    const other = await weft.signup();
    await other.call('POST', '/flows', { name: 'Theirs', flow: {}, customFields: { segment: 'gold' } });
    const mine = await ann.call<{ items: { name: string }[] }>('GET', '/flows?customFields.segment=gold');
    expect(mine.body.items.map((flow) => flow.name)).not.toContain('Theirs');
  });

  it('refuses bad names and values with the path of the field', async () => {
    const badName = await ann.call<{ error: { code: string; path: string } }>('POST', '/flows', { name: 'x', flow: {}, customFields: { 'not ok': 'x' } });
    expect(badName.status).toBe(400);
    expect(badName.body.error.path).toMatch(/^body\.customFields/);
    const nested = await ann.call<{ error: { path: string } }>('POST', '/flows', { name: 'x', flow: {}, customFields: { deep: { a: 1 } } });
    expect(nested.status).toBe(400);
    expect(nested.body.error.path).toBe('body.customFields.deep');
    const badFilter = await ann.call<{ error: { code: string; path: string } }>('GET', '/flows?customFields.a%20b=1');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error).toMatchObject({ code: 'request.invalid', path: 'query.customFields.a b' });
  });
});
