import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type SqlStore } from '../store/index.ts';
import { createApiToken, TokenCache, tokenSha256 } from './auth.ts';

let store: SqlStore;
beforeAll(async () => {
  store = await openStore();
}, 60_000);
afterAll(async () => {
  await store?.close();
});

describe('TokenCache', () => {
  it('trusts a found token for 5 s, so a revocation made elsewhere (another process) lands within that', async () => {
    let nowMs = 1_000_000;
    const cache = new TokenCache(store, () => nowMs);
    const { token, row } = await createApiToken(store, 'cached', 'viewer', nowMs);
    const hash = tokenSha256(token);
    expect((await cache.find(hash))?.revokedAtMs).toBeNull();
    await store.revokeApiToken(row.tokenId, nowMs + 1);
    nowMs += 4_999;
    expect((await cache.find(hash))?.revokedAtMs).toBeNull();
    nowMs += 1;
    expect((await cache.find(hash))?.revokedAtMs).toBe(1_000_001);
  });

  it('asks the store again for an unknown token, and forgets everything when told', async () => {
    const nowMs = 2_000_000;
    const cache = new TokenCache(store, () => nowMs);
    const { token, row } = await createApiToken(store, 'forgotten', 'viewer', nowMs);
    expect(await cache.find(tokenSha256(`${token}x`))).toBeUndefined();
    expect((await cache.find(tokenSha256(token)))?.revokedAtMs).toBeNull();
    await store.revokeApiToken(row.tokenId, nowMs);
    const told: string[] = [];
    cache.onRevoke((tokenId) => told.push(tokenId));
    cache.revoked(row.tokenId);
    expect(told).toEqual([row.tokenId]);
    expect((await cache.find(tokenSha256(token)))?.revokedAtMs).toBe(nowMs);
  });

  it('does not cache a row read before a revocation that lands while the lookup is in flight', async () => {
    const nowMs = 3_000_000;
    const { token, row } = await createApiToken(store, 'racing', 'viewer', nowMs);
    let cache: TokenCache;
    // The store answers with the row as it was, and the revocation lands before the answer arrives.
    const slow = {
      ...store,
      async findApiTokenByHash(hash: string) {
        const before = await store.findApiTokenByHash(hash);
        await store.revokeApiToken(row.tokenId, nowMs);
        cache.revoked(row.tokenId);
        return before;
      },
    };
    cache = new TokenCache(slow, () => nowMs);
    expect((await cache.find(tokenSha256(token)))?.revokedAtMs).toBeNull();
    // Not cached: the next lookup asks the store again and sees the revocation.
    expect((await cache.find(tokenSha256(token)))?.revokedAtMs).toBe(nowMs);
  });
});
