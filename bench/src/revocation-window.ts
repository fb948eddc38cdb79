// How long instance B still accepts, from its cache of callers, a token that instance A has
// just revoked: from the moment A's log-out returns (its transaction committed) to the moment
// B hears the NOTIFY and drops the entry. Two app instances (each its own pool and listening
// connection) in this process, on DATABASE_URL; each round logs out a token B has cached.
// A negative figure: B had heard it before A's caller got its answer back.
//   DATABASE_URL=postgres://… pnpm --filter @phresh/bench exec node --import tsx src/revocation-window.ts [rounds]
import {
  type CallerCache,
  callerChangesHeard,
  closeServices,
  createCaller,
  createContext,
  openServices,
  type Services,
} from "@phresh/api";
import { loadConfig } from "@phresh/config";

const rounds = Number(process.argv[2] ?? 200);
const config = { ...loadConfig(), secretKey: "revocation-window-measurement-secret-0123456789" };
if (config.database.kind !== "postgres") throw new Error("revocation-window: set DATABASE_URL");

const callerOf = (services: Services, token?: string) =>
  createCaller(
    createContext(services, {
      headers: new Headers(token ? { authorization: `Bearer ${token}` } : {}),
      method: "POST",
    }),
  );

/** When `cache` hears that `jti` was revoked. */
function heardRevocation(cache: CallerCache, jti: string): Promise<number> {
  const onChange = cache.onChange.bind(cache);
  return new Promise((resolve) => {
    cache.onChange = (change) => {
      if (change.kind === "token" && change.jti === jti) {
        resolve(performance.now());
        cache.onChange = onChange;
      }
      onChange(change);
    };
  });
}

const a = await openServices(config);
const b = await openServices(config);
try {
  await Promise.all([a.callerCache.whenListening(), b.callerCache.whenListening()]);
  const suffix = Date.now().toString(36);
  const user = await callerOf(a).users.register({
    email: `revocation-window-${suffix}@example.com`,
    name: `rw_${suffix}`.slice(0, 20),
    password: "Correct-horse-battery-1",
  });
  const delays: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const token = await a.accessTokens.issue(user.id, 0);
    const claims = await b.accessTokens.verify(token);
    if (!claims) throw new Error("revocation-window: token not accepted");
    await callerChangesHeard(b);
    await callerOf(b, token).users.me();
    if (!b.callerCache.lookup(user.id, claims.jti)) throw new Error("B did not cache the caller");
    const heard = heardRevocation(b.callerCache, claims.jti);
    await callerOf(a, token).auth.logout();
    const committed = performance.now();
    delays.push((await heard) - committed);
  }
  delays.sort((x, y) => x - y);
  const at = (share: number) =>
    (delays[Math.min(delays.length - 1, Math.floor(share * delays.length))] ?? Number.NaN).toFixed(
      2,
    );
  console.log(
    `B heard A's log-out, after A's commit returned, in ms over ${rounds} rounds: ` +
      `min ${at(0)}, median ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}, max ${at(1)}`,
  );
} finally {
  await closeServices(a);
  await closeServices(b);
}
