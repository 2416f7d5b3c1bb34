/**
 * Store cases for the HTTP API's tables (tokens, audit log, operator state), registered inside store.test.ts's
 * per-engine suite so they run on PGlite and on the Postgres server against the stores it opened.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApiRole, NewApiToken, NewAuditEntry, SqlStore } from '../../src/store/index.ts';
import { freshSiteId, T0_MS } from './fixtures.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function token(label: string, role: ApiRole, createdAtMs = T0_MS): NewApiToken {
  const tokenId = freshSiteId(`tok-${label}`);
  return { tokenId, name: label, role, sha256Hex: sha256(tokenId), createdAtMs };
}

function entry(siteId: string, t: NewApiToken, n: number, overrides: Partial<NewAuditEntry> = {}) {
  return {
    siteId,
    atMs: T0_MS + n * 1_000,
    tokenId: t.tokenId,
    tokenName: t.name,
    role: t.role,
    action: 'operator.set-mode',
    target: `site ${siteId}`,
    requestBody: { mode: n % 2 === 0 ? 'auto' : 'manual' },
    result: 'pending',
    status: null,
    ...overrides,
  } satisfies NewAuditEntry;
}

export function apiStoreCases(store: () => SqlStore): void {
  it('adds, finds, lists and revokes API tokens by hash only', async () => {
    const s = store();
    const [viewer, admin] = [token('grafana', 'viewer'), token('ops', 'admin', T0_MS + 1)];
    const viewerRow = { tokenId: viewer.tokenId, name: 'grafana', role: 'viewer', createdAtMs: T0_MS };
    expect(await s.addApiToken(viewer)).toEqual({ ...viewerRow, revokedAtMs: null });
    await s.addApiToken(admin);
    expect(await s.findApiTokenByHash(viewer.sha256Hex)).toEqual({ ...viewerRow, revokedAtMs: null });
    expect(await s.findApiTokenByHash(sha256('no such token'))).toBeUndefined();

    expect(await s.revokeApiToken(viewer.tokenId, T0_MS + 5_000)).toEqual({
      ...viewerRow,
      revokedAtMs: T0_MS + 5_000,
    });
    // Revoking again keeps the first time: that is when it stopped working.
    await s.revokeApiToken(viewer.tokenId, T0_MS + 9_000);
    expect((await s.findApiTokenByHash(viewer.sha256Hex))?.revokedAtMs).toBe(T0_MS + 5_000);
    const mine = (await s.listApiTokens()).filter((r) => [viewer.tokenId, admin.tokenId].includes(r.tokenId));
    expect(mine.map((r) => [r.name, r.role, r.revokedAtMs])).toEqual([
      ['grafana', 'viewer', T0_MS + 5_000],
      ['ops', 'admin', null],
    ]);

    await expect(s.revokeApiToken('no-such-token', T0_MS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      s.addApiToken({ ...token('dup', 'viewer'), sha256Hex: viewer.sha256Hex }),
    ).rejects.toMatchObject({ sqlState: '23505' });
    await expect(s.addApiToken(token('root', 'root' as ApiRole))).rejects.toMatchObject({
      sqlState: '23514',
    });
    await expect(s.addApiToken({ ...token('raw', 'viewer'), sha256Hex: 'secret' })).rejects.toMatchObject({
      sqlState: '23514',
    });
  });

  it('records audit entries pending, finishes each once, and lists them newest first', async () => {
    const s = store();
    const siteId = freshSiteId('audit');
    const t = token('alice', 'operator');
    await s.addApiToken(t);
    const first = await s.recordAudit(entry(siteId, t, 1));
    const second = await s.recordAudit(
      entry(siteId, t, 2, {
        action: 'alert.acknowledge',
        target: 'alert 7',
        requestBody: { note: 'a\u0000b', list: [1, null] },
        result: 'FORBIDDEN: operator role required',
        status: 403,
      }),
    );
    const third = await s.recordAudit(entry(siteId, t, 3, { requestBody: undefined }));
    expect(first).toEqual({ ...entry(siteId, t, 1), auditId: first.auditId });
    expect([second.auditId - first.auditId, third.auditId - first.auditId]).toEqual([1, 2]);
    // Postgres refuses U+0000 in jsonb: it is kept as U+FFFD rather than losing the row.
    expect(second.requestBody).toEqual({ note: 'a\uFFFDb', list: [1, null] });
    expect(third.requestBody).toBeNull();

    await s.finishAudit(first.auditId, 'ok', 200);
    await expect(s.finishAudit(first.auditId, 'ok', 204)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.finishAudit(third.auditId, 'pending', 200)).rejects.toMatchObject({ sqlState: '23514' });

    const log = await s.auditLog(siteId);
    expect(log.map((r) => [r.auditId - first.auditId, r.result, r.status])).toEqual([
      [2, 'pending', null],
      [1, 'FORBIDDEN: operator role required', 403],
      [0, 'ok', 200],
    ]);
    expect(await s.auditLog(siteId, { action: 'alert.acknowledge' })).toEqual([second]);
    expect((await s.auditLog(siteId, { limit: 1 })).map((r) => r.auditId)).toEqual([third.auditId]);
    expect(await s.auditLog(freshSiteId('audit-none'))).toEqual([]);
    await expect(s.recordAudit({ ...entry(siteId, t, 4), tokenId: 'no-such-token' })).rejects.toMatchObject({
      sqlState: '23503',
    });
    await expect(s.recordAudit({ ...entry(siteId, t, 5), status: 200 })).rejects.toMatchObject({
      sqlState: '23514',
    });
  });

  it('keeps the operator state: mode and per-fleet overrides change apart, each atomically', async () => {
    const s = store();
    const siteId = freshSiteId('operator');
    expect(await s.operatorState(siteId)).toBeUndefined();

    const cleared = await s.setOperatorState(
      siteId,
      { fleet: { fleet: 'ai', override: null } },
      'alice',
      T0_MS,
    );
    expect(cleared).toEqual({
      siteId,
      mode: 'auto',
      fleetOverrides: {},
      updatedAtMs: T0_MS,
      updatedBy: 'alice',
    });
    await s.setOperatorState(siteId, { mode: 'manual' }, 'alice', T0_MS + 1_000);
    const mining = { powerW: 1_250_000.5, untilMs: T0_MS + 3_600_000 };
    await s.setOperatorState(siteId, { fleet: { fleet: 'mining', override: mining } }, 'bob', T0_MS + 2_000);
    const ai = { powerW: 0, untilMs: null };
    const both = await s.setOperatorState(
      siteId,
      { fleet: { fleet: 'ai', override: ai } },
      'bob',
      T0_MS + 3_000,
    );
    expect(both).toEqual({
      siteId,
      mode: 'manual',
      fleetOverrides: { mining, ai },
      updatedAtMs: T0_MS + 3_000,
      updatedBy: 'bob',
    });
    await s.setOperatorState(siteId, { fleet: { fleet: 'mining', override: null } }, 'carol', T0_MS + 4_000);
    await s.setOperatorState(siteId, { mode: 'auto' }, 'carol', T0_MS + 5_000);
    expect(await s.operatorState(siteId)).toEqual({
      siteId,
      mode: 'auto',
      fleetOverrides: { ai },
      updatedAtMs: T0_MS + 5_000,
      updatedBy: 'carol',
    });
    await expect(
      s.setOperatorState(siteId, { mode: 'off' as 'auto' }, 'carol', T0_MS + 6_000),
    ).rejects.toMatchObject({ sqlState: '23514' });
  });
}
