// Seeds a running app through its own HTTP API, as people would: register, open the mail in the
// development mailbox, verify, log in, create cleanings. Going through HTTP keeps the harness off
// the app's database (PGlite allows one process per data directory).

/** Valid under both password policies (legacy: 10–30 with letter, digit, special; nist: 15+). */
export const BENCH_PASSWORD = "Bench-password-1";

export type Account = { email: string; name: string; password: string; token: string };

export type Seeded = {
  /** Owns exactly `readerCleanings` cleanings: the caller of the GET and list scenarios. */
  reader: Account;
  /** Creates cleanings during the POST scenario, so the reader's list stays the same size. */
  writer: Account;
  /** One of the reader's cleanings: the target of the GET scenarios. */
  cleaningId: number;
  readerCleanings: number;
  users: number;
  cleanings: number;
};

export type SeedSizes = {
  otherUsers: number;
  cleaningsPerOtherUser: number;
  /** The list scenario reads this many rows. */
  readerCleanings: number;
};

let seedClients = 0;

/**
 * Each seeding request comes from its own client (X-Forwarded-For through the trusted proxy, see
 * server.ts), like the people it stands for: per-address rate limits would stop 22 sign-ups
 * from one address. Should the load generator later pick one of these addresses too, that
 * address counts two requests: far below any limit.
 */
function nextSeedClient(): string {
  seedClients += 1;
  return `10.255.${(seedClients >> 8) & 0xff}.${seedClients & 0xff}`;
}

async function call(
  baseUrl: string,
  path: string,
  init: RequestInit,
  expectedStatus: number,
): Promise<unknown> {
  const headers = new Headers(init.headers);
  headers.set("X-Forwarded-For", nextSeedClient());
  const response = await fetch(`${baseUrl}${path}`, { ...init, headers });
  const text = await response.text();
  if (response.status !== expectedStatus)
    throw new Error(
      `bench seed: ${init.method ?? "GET"} ${path} answered ${response.status}, expected ${expectedStatus}: ${text.slice(0, 500)}`,
    );
  return text ? JSON.parse(text) : undefined;
}

const json = (body: unknown, token?: string): RequestInit => ({
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
});

/** Registers, verifies through the mailed link and logs in. */
async function createAccount(baseUrl: string, name: string): Promise<Account> {
  const email = `${name}@bench.example.com`;
  await call(
    baseUrl,
    "/api/users",
    json({ new_user: { email, name, password: BENCH_PASSWORD } }),
    201,
  );
  const outbox = (await call(baseUrl, "/api/dev/outbox", { method: "GET" }, 200)) as {
    to: string;
    text: string;
  }[];
  const mail = outbox.find((entry) => entry.to === email);
  const link = /\/verify\?token=(\S+)/.exec(mail?.text ?? "")?.[1];
  if (!link) throw new Error(`bench seed: no verification mail for ${email}`);
  await call(baseUrl, "/api/users/verify", json({ token: decodeURIComponent(link) }), 200);
  const login = (await call(
    baseUrl,
    "/api/token",
    { method: "POST", body: new URLSearchParams({ username: email, password: BENCH_PASSWORD }) },
    200,
  )) as { access_token: string };
  return { email, name, password: BENCH_PASSWORD, token: login.access_token };
}

const cleaningTypes = ["dust_up", "spot_clean", "full_clean"] as const;

/** Creates `count` cleanings for the token's user, a few requests at a time; returns their ids. */
async function createCleanings(baseUrl: string, token: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  const inFlight = 4;
  for (let start = 0; start < count; start += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, count - start) }, (_, offset) => {
      const index = start + offset;
      const cleaning = {
        name: `Bench cleaning ${index}`,
        description: index % 2 === 0 ? "Windows, floors and the stairwell" : null,
        price: 40 + (index % 50) + 0.5,
        cleaning_type: cleaningTypes[index % cleaningTypes.length],
      };
      return call(baseUrl, "/api/cleanings", json({ new_cleaning: cleaning }, token), 201);
    });
    for (const created of await Promise.all(batch)) ids.push((created as { id: number }).id);
  }
  return ids;
}

export async function seed(baseUrl: string, sizes: SeedSizes): Promise<Seeded> {
  // Other people's accounts and cleanings first, so the reader's rows are not the only ones.
  for (let index = 0; index < sizes.otherUsers; index++) {
    const other = await createAccount(baseUrl, `seed-user-${index}`);
    await createCleanings(baseUrl, other.token, sizes.cleaningsPerOtherUser);
  }
  const reader = await createAccount(baseUrl, "seed-reader");
  const readerIds = await createCleanings(baseUrl, reader.token, sizes.readerCleanings);
  const writer = await createAccount(baseUrl, "seed-writer");
  const cleaningId = readerIds[Math.floor(readerIds.length / 2)];
  if (cleaningId === undefined) throw new Error("bench seed: the reader has no cleanings");
  return {
    reader,
    writer,
    cleaningId,
    readerCleanings: readerIds.length,
    users: sizes.otherUsers + 2,
    cleanings: sizes.otherUsers * sizes.cleaningsPerOtherUser + readerIds.length,
  };
}
