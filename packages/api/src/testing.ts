// Test fixtures: real services on a test database, the HTTP handlers on a real listening server
// (loopback, random port), and helpers that walk through sign-up like a person would.
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { loadConfig, type PhreshConfig } from "@phresh/config";
import type { Database } from "@phresh/db";
import { openTestDatabase } from "@phresh/db/testing";
import { afterAll, beforeAll } from "vitest";
import { registerUser } from "./auth/user-manager.ts";
import { clientAddress } from "./http/client-address.ts";
import { runWithRequestContext } from "./http/request-context.ts";
import { createTrpcHandler } from "./index.ts";
import { undocumentedAnswer } from "./rest/documented-answers.ts";
import { createRestHandler } from "./rest/handler.ts";
import { createCaller } from "./root.ts";
import { closeServices, createServices, type Services } from "./services.ts";
import { createContext } from "./trpc.ts";

export const TEST_SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789";

export type TestServices = Services & { close(): Promise<void> };

/** Services on a fresh test database, or on `database` when a test needs a particular one. */
export async function openTestServices(
  overrides: Partial<PhreshConfig> = {},
  database?: Database,
): Promise<TestServices> {
  database ??= await openTestDatabase();
  const defaults = loadConfig();
  const config: PhreshConfig = {
    ...defaults,
    environment: "test",
    secretKey: TEST_SECRET_KEY,
    appUrl: "http://phresh.test",
    devMailbox: "loopback-only",
    // Most suites send hundreds of requests from one address; rate-limits.test.ts turns them on.
    rateLimitsEnabled: false,
    // Off, so that what a request costs does not depend on what earlier tests left cached (the
    // statement counters); caller-cache.test.ts and the multi-instance tests turn it on.
    callerCacheEnabled: false,
    // Suites fire bursts (50 concurrent registrations) to test races, not the hashing queue, whose
    // 503s would then depend on timing; hashing-queue.test.ts sets a short queue of its own.
    passwordHashing: { ...defaults.passwordHashing, queueLength: 10_000 },
    mail: { smtpUrl: undefined, from: "Phresh <no-reply@phresh.test>" },
    ...overrides,
  };
  const services = createServices(config, database, TEST_SECRET_KEY);
  if (config.callerCacheEnabled) await services.callerCache.whenListening();
  return { ...services, close: () => closeServices(services) };
}

/** Serves `/api/trpc` and the REST adapter under `/api`, as apps/web does. */
export async function startTestServer(
  services: Services,
): Promise<{ url: string; close(): Promise<void> }> {
  // Every suite on a test server also checks the OpenAPI document against what is really sent;
  // `close()` fails with what was undocumented.
  const undocumented: string[] = [];
  const rest = createRestHandler(services, {
    basePath: "/api",
    onAnswer(route, answer) {
      const problem = undocumentedAnswer(route, answer);
      if (problem) undocumented.push(problem);
    },
  });
  const trpc = createTrpcHandler(services, { endpoint: "/api/trpc" });
  const server = serve({
    // Like apps/web/server.ts: each request runs with its client's address, as that server sees it.
    fetch: (request: Request, env: { incoming: Pick<IncomingMessage, "socket"> }) =>
      runWithRequestContext(
        {
          requestId: crypto.randomUUID(),
          peerAddress: env.incoming.socket.remoteAddress,
          clientAddress: clientAddress(
            env.incoming.socket.remoteAddress,
            request.headers.get("x-forwarded-for") ?? undefined,
            services.config.trustedProxies,
          ),
        },
        () =>
          new URL(request.url).pathname.startsWith("/api/trpc") ? trpc(request) : rest(request),
      ),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      if (undocumented.length > 0)
        throw new Error(`Answers the OpenAPI document does not give:\n${undocumented.join("\n")}`);
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * For a test file: services on a fresh test database and a server for them, opened before its
 * first test and closed after its last. The fields are there once `beforeAll` has run.
 * `recordStatements` collects every SQL statement sent, in order, in `statements` (counted where
 * they leave Prisma, at the driver adapter); `config` overrides the test configuration.
 */
export function serveDuringTests(
  settings: { config?: Partial<PhreshConfig>; recordStatements?: boolean } = {},
) {
  const statements: string[] = [];
  const served = { statements } as {
    services: TestServices;
    server: TestServer;
    statements: string[];
  };
  beforeAll(async () => {
    const database = settings.recordStatements
      ? await openTestDatabase({ onStatement: (sql) => statements.push(sql) })
      : undefined;
    served.services = await openTestServices(settings.config, database);
    served.server = await startTestServer(served.services);
  });
  afterAll(async () => {
    await served.server?.close();
    await served.services?.close();
  });
  return served;
}

let accountCounter = 0;

/** A distinct, valid e-mail, name and password for each call. */
export function newAccountDetails() {
  accountCounter += 1;
  const tag = `${process.pid.toString(36)}${accountCounter}${Math.random().toString(36).slice(2, 6)}`;
  return {
    email: `person-${tag}@example.com`,
    name: `p_${tag}`.slice(0, 20),
    password: `Correct-horse-${accountCounter}`,
  };
}

/**
 * A registered account (verified unless told otherwise) with a caller and a token, made through
 * the same rules as any sign-up.
 */
export async function createAccount(
  services: Services,
  privileges: { verified?: boolean; superuser?: boolean } = {},
) {
  const details = newAccountDetails();
  const user = await registerUser(services, details, {
    verified: privileges.verified ?? true,
    superuser: privileges.superuser,
  });
  const token = await services.accessTokens.issue(user.id, user.tokenGeneration);
  const caller = createCaller(
    createContext(services, { headers: new Headers({ authorization: `Bearer ${token}` }) }),
  );
  return { ...details, user, token, caller };
}

export function anonymousCaller(services: Services) {
  return createCaller(createContext(services, { headers: new Headers() }));
}
