// What `findCaller` found, kept per process so that an authenticated request with a known
// caller costs no query (the caller check was one round trip on every request; bench/RESULTS.md).
//
// Correct only while the database's change feed is heard (@phresh/db caller-changes.ts):
// - a change drops the caller's entry (a local commit, whose caller is unknown, drops all);
// - while not listening (starting, connection lost) nothing is served or stored, and on
//   (re)connecting everything is dropped: changes may have gone unheard meanwhile;
// - a lookup that started before a change may have read the row of before it: it is not
//   stored (`fillTicket`), or a request arriving after the change would be served stale;
// - the size is capped (least recently used out first), and an entry is at most
//   `maxAgeMs` old: a bound on what a silently dead listening connection could serve.
// What another instance commits is dropped here when its NOTIFY arrives: a short window, measured
// by bench/src/revocation-window.ts, in which this instance still accepts the token.
import {
  CALLER_CHANGES_CHANNEL,
  type CallerChange,
  type CallerChangeHandlers,
  type Database,
  syncMarkerPayload,
} from "@phresh/db";
import type { CallerRow } from "./authenticate.ts";

export type CallerCacheLimits = {
  /** Users held at most. */
  maxUsers: number;
  /** Tokens' revocation states held per user at most. */
  maxTokensPerUser: number;
  maxAgeMs: number;
};

export const DEFAULT_CALLER_CACHE_LIMITS: CallerCacheLimits = {
  maxUsers: 10_000,
  maxTokensPerUser: 32,
  maxAgeMs: 5_000,
};

type Entry = {
  user: Omit<CallerRow, "revoked">;
  /** Whether each token id looked up for this user was revoked. */
  revokedByToken: Map<string, boolean>;
  /** When the oldest part of this entry was read. */
  storedAt: number;
};

export class CallerCache implements CallerChangeHandlers {
  readonly #limits: CallerCacheLimits;
  readonly #now: () => number;
  /** By user id; Map order is recency of use, oldest first. */
  readonly #entries = new Map<string, Entry>();
  readonly #userByToken = new Map<string, string>();
  /** Bumped by every change and every loss or gain of hearing: a fill spanning one is not stored. */
  #changes = 0;
  #listening = false;
  readonly #syncWaiters = new Map<string, () => void>();
  readonly #listeningWaiters = new Set<() => void>();
  readonly #deafWaiters = new Set<() => void>();

  constructor(limits: CallerCacheLimits = DEFAULT_CALLER_CACHE_LIMITS, now = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Whether entries are served and stored: only while every change is being heard. */
  get listening(): boolean {
    return this.#listening;
  }

  /** Resolves once listening (at once if it is): tests start from a known state with it. */
  whenListening(): Promise<void> {
    if (this.#listening) return Promise.resolve();
    return new Promise((resolve) => this.#listeningWaiters.add(resolve));
  }

  /** Resolves when it next stops listening (a lost connection): tests wait with it. */
  whenDeaf(): Promise<void> {
    return new Promise((resolve) => this.#deafWaiters.add(resolve));
  }

  get size(): number {
    return this.#entries.size;
  }

  lookup(userId: string, jti: string): CallerRow | undefined {
    if (!this.#listening) return undefined;
    const entry = this.#entries.get(userId);
    if (!entry) return undefined;
    if (this.#now() - entry.storedAt >= this.#limits.maxAgeMs) {
      this.#forgetUser(userId);
      return undefined;
    }
    const revoked = entry.revokedByToken.get(jti);
    if (revoked === undefined) return undefined;
    this.#entries.delete(userId);
    this.#entries.set(userId, entry);
    return { ...entry.user, revoked };
  }

  /** Taken before reading a caller from the database; `store` refuses the row if anything changed since. */
  fillTicket(): number {
    return this.#changes;
  }

  store(ticket: number, jti: string, found: CallerRow): void {
    if (!this.#listening || ticket !== this.#changes) return;
    const { revoked, ...user } = found;
    const existing = this.#entries.get(user.id);
    const entry: Entry = existing
      ? { ...existing, user }
      : { user, revokedByToken: new Map(), storedAt: this.#now() };
    if (entry.revokedByToken.size >= this.#limits.maxTokensPerUser) {
      for (const token of entry.revokedByToken.keys()) this.#userByToken.delete(token);
      entry.revokedByToken.clear();
    }
    entry.revokedByToken.set(jti, revoked);
    this.#userByToken.set(jti, user.id);
    this.#entries.delete(user.id);
    this.#entries.set(user.id, entry);
    if (this.#entries.size > this.#limits.maxUsers) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#forgetUser(oldest.value);
    }
  }

  onChange(change: CallerChange): void {
    if (change.kind === "sync") {
      this.#syncWaiters.get(change.marker)?.();
      return;
    }
    this.#changes += 1;
    if (change.kind === "user") this.#forgetUser(change.userId);
    else if (change.kind === "token") {
      const userId = this.#userByToken.get(change.jti);
      if (userId) this.#forgetUser(userId);
    } else this.#forgetAll();
  }

  onListening(): void {
    this.#changes += 1;
    this.#forgetAll();
    this.#listening = true;
    for (const resolve of this.#listeningWaiters) resolve();
    this.#listeningWaiters.clear();
  }

  onDeaf(): void {
    this.#changes += 1;
    this.#listening = false;
    this.#forgetAll();
    // Nothing is served until listening again, so whatever the waiters wait for holds.
    for (const release of this.#syncWaiters.values()) release();
    for (const resolve of this.#deafWaiters) resolve();
    this.#deafWaiters.clear();
  }

  /**
   * Resolves once every change committed before `announce` ran has been heard (or the cache is
   * not listening, hence not serving): `announce` sends the sync marker through the database,
   * and notifications arrive in commit order. For tests and measurements.
   */
  async sync(announce: (marker: string) => Promise<void>): Promise<void> {
    if (!this.#listening) return;
    const marker = crypto.randomUUID();
    const heard = new Promise<void>((resolve) => this.#syncWaiters.set(marker, resolve));
    try {
      await announce(marker);
      await heard;
    } finally {
      this.#syncWaiters.delete(marker);
    }
  }

  #forgetUser(userId: string): void {
    const entry = this.#entries.get(userId);
    if (!entry) return;
    for (const token of entry.revokedByToken.keys()) this.#userByToken.delete(token);
    this.#entries.delete(userId);
  }

  #forgetAll(): void {
    this.#entries.clear();
    this.#userByToken.clear();
  }
}

/**
 * Resolves once `services.callerCache` has heard every change committed (by any instance) before
 * the call, or is not listening: tests and measurements wait with it instead of for a time.
 */
export function callerChangesHeard(services: {
  database: Database;
  callerCache: CallerCache;
}): Promise<void> {
  return services.callerCache.sync(async (marker) => {
    await services.database.prisma.$executeRaw`
      SELECT pg_notify(${CALLER_CHANGES_CHANNEL}, ${syncMarkerPayload(marker)})`;
  });
}
