// The scenarios of issue 7: what a user of Phresh does most, each as one request shape.
import type { LoadSpec, Scenario } from "./load.ts";
import { JOBS_SEARCH_QUERY } from "./marketplace.ts";
import type { Seeded } from "./seed.ts";
import type { PasswordFloorWork } from "./server.ts";

export type Timing = { warmUpSeconds: number; durationSeconds: number };

/** Scenario ids the report refers to. */
export const GET_CLEANING_REST = "get-cleaning-rest";
export const GET_CLEANING_TRPC = "get-cleaning-trpc";
export const LIST_CLEANINGS = "list-cleanings";
export const CREATE_CLEANING = "create-cleaning";
export const LOG_IN = "log-in";
export const REGISTER = "register";
export const LOGIN_PAGE = "login-page";
/** The baselines of GET cleaning (issue 14): the floors, the peer, and the no-Next diagnostic. */
export const GET_CLEANING_SAME_WORK = "get-cleaning-same-work";
/** The one-query floor; its id predates issue 14, when it was the only floor. */
export const GET_CLEANING_BARE = "get-cleaning-bare";
export const GET_CLEANING_FASTAPI = "get-cleaning-fastapi";
export const GET_CLEANING_HANDLER = "get-cleaning-handler";
export const GET_CLEANING_UNDER_FLOOD = "get-cleaning-under-flood";
/** The floors of log-in: the same work with nothing in between, and argon2id's verify alone. */
const LOG_IN_SAME_WORK = "log-in-same-work";
const LOG_IN_VERIFY_ONLY = "log-in-verify-only";
/** The floors of register, likewise: the same work, and argon2id's hash alone. */
const REGISTER_SAME_WORK = "register-same-work";
const REGISTER_HASH_ONLY = "register-hash-only";
export const JOBS_SEARCH = "jobs-search";
export const FEED_PAGE = "feed-page";
/** The scenarios that read the marketplace written by marketplace.ts. */
export const MARKETPLACE_SCENARIOS = [JOBS_SEARCH, FEED_PAGE];
export const ALL_SCENARIOS = [
  GET_CLEANING_REST,
  GET_CLEANING_TRPC,
  GET_CLEANING_SAME_WORK,
  GET_CLEANING_BARE,
  GET_CLEANING_FASTAPI,
  GET_CLEANING_HANDLER,
  LIST_CLEANINGS,
  CREATE_CLEANING,
  LOG_IN,
  REGISTER,
  LOGIN_PAGE,
  GET_CLEANING_UNDER_FLOOD,
  ...MARKETPLACE_SCENARIOS,
];

/** 50 connections, but 10 for the argon2-bound routes (log-in, register), as the issue asks. */
const READ_CONNECTIONS = 50;
const PASSWORD_CONNECTIONS = 10;
/** Far more password checks at once than the hashing queue holds (the cores, plus 32 waiting). */
const FLOOD_CONNECTIONS = 64;
/** The marketplace's target is stated at 10 connections (p99 of a jobs search under 50 ms). */
const MARKETPLACE_CONNECTIONS = 10;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function appScenarios(baseUrl: string, seeded: Seeded, timing: Timing): Scenario[] {
  const base = { baseUrl, ...timing };
  const get = (path: string, token: string): LoadSpec => ({
    ...base,
    method: "GET",
    path,
    headers: bearer(token),
    connections: READ_CONNECTIONS,
  });
  const logIn: LoadSpec = {
    ...base,
    method: "POST",
    path: "/api/token",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      username: seeded.reader.email,
      password: seeded.reader.password,
    }).toString(),
    distinctClients: true,
    connections: PASSWORD_CONNECTIONS,
  };
  const trpcInput = encodeURIComponent(JSON.stringify({ id: seeded.cleaningId }));
  return [
    {
      id: GET_CLEANING_REST,
      label: "GET /api/cleanings/{id} (REST)",
      spec: get(`/api/cleanings/${seeded.cleaningId}`, seeded.reader.token),
    },
    {
      id: GET_CLEANING_TRPC,
      label: "cleanings.byId (tRPC GET)",
      spec: get(`/api/trpc/cleanings.byId?input=${trpcInput}`, seeded.reader.token),
    },
    {
      id: LIST_CLEANINGS,
      label: `GET /api/cleanings (${seeded.readerCleanings} rows)`,
      spec: get("/api/cleanings", seeded.reader.token),
    },
    {
      id: CREATE_CLEANING,
      label: "POST /api/cleanings",
      spec: {
        ...base,
        method: "POST",
        path: "/api/cleanings",
        headers: { ...bearer(seeded.writer.token), "Content-Type": "application/json" },
        body: JSON.stringify({
          new_cleaning: { name: "Bench load", price: 99.5, cleaning_type: "full_clean" },
        }),
        connections: READ_CONNECTIONS,
      },
    },
    {
      id: LOG_IN,
      label: "POST /api/token (log-in)",
      spec: logIn,
    },
    {
      id: REGISTER,
      label: "POST /api/users (register)",
      spec: {
        ...base,
        method: "POST",
        path: "/api/users",
        headers: { "Content-Type": "application/json" },
        registrationPassword: seeded.reader.password,
        distinctClients: true,
        connections: PASSWORD_CONNECTIONS,
      },
    },
    {
      id: LOGIN_PAGE,
      label: "GET /login (HTML)",
      spec: { ...base, method: "GET", path: "/login", headers: {}, connections: READ_CONNECTIONS },
    },
    {
      // Compared with GET_CLEANING_REST: how much a flood of password checks slows reads.
      id: GET_CLEANING_UNDER_FLOOD,
      label: "GET /api/cleanings/{id} (REST) beside a password-check flood",
      spec: get(`/api/cleanings/${seeded.cleaningId}`, seeded.reader.token),
      beside: {
        label: `password-check flood: POST /api/token from distinct addresses, ${FLOOD_CONNECTIONS} connections`,
        spec: { ...logIn, connections: FLOOD_CONNECTIONS },
      },
    },
    {
      id: JOBS_SEARCH,
      label: `GET /api/jobs?q=${JOBS_SEARCH_QUERY.q}&type=${JOBS_SEARCH_QUERY.type} (20 open jobs)`,
      spec: {
        ...get(`/api/jobs?${new URLSearchParams(JOBS_SEARCH_QUERY)}`, seeded.reader.token),
        connections: MARKETPLACE_CONNECTIONS,
      },
    },
    {
      id: FEED_PAGE,
      label: "GET /api/feed/cleanings (a page of 20 events)",
      spec: {
        ...get("/api/feed/cleanings", seeded.reader.token),
        connections: MARKETPLACE_CONNECTIONS,
      },
    },
  ];
}

export type BaselineId =
  | typeof GET_CLEANING_SAME_WORK
  | typeof GET_CLEANING_BARE
  | typeof GET_CLEANING_FASTAPI
  | typeof GET_CLEANING_HANDLER;

const baselineLabels: Record<BaselineId, string> = {
  [GET_CLEANING_SAME_WORK]:
    "same-work floor: node:http + pg + jose (token, caller with revocation, cleaning), GET cleaning",
  [GET_CLEANING_BARE]: "one-query floor: node:http + pg + jose (token, cleaning), GET cleaning",
  [GET_CLEANING_FASTAPI]:
    "peer: FastAPI + SQLAlchemy (async, asyncpg) + PyJWT, 2 uvicorn workers, GET cleaning",
  [GET_CLEANING_HANDLER]:
    "diagnostic: @phresh/api REST handler on node:http (no Next), GET cleaning",
};

/** The same request as GET_CLEANING_REST, sent to a baseline server. */
export function baselineScenario(
  id: BaselineId,
  baseUrl: string,
  seeded: Seeded,
  timing: Timing,
): Scenario {
  return {
    id,
    label: baselineLabels[id],
    spec: {
      baseUrl,
      ...timing,
      method: "GET",
      path: `/api/cleanings/${seeded.cleaningId}`,
      headers: bearer(seeded.reader.token),
      connections: READ_CONNECTIONS,
    },
  };
}

export type PasswordFloor = {
  id: string;
  work: PasswordFloorWork;
  /** How the report names it beside the app's ratio. */
  name: string;
  label: string;
};

/**
 * The floors of the password scenarios (src/baselines/password-floor-server.ts), sent the app's
 * own requests: the same work with nothing in between, and argon2id alone.
 */
export const PASSWORD_FLOORS: Partial<Record<string, PasswordFloor[]>> = {
  [LOG_IN]: [
    {
      id: LOG_IN_SAME_WORK,
      work: "same-work",
      name: "same-work floor",
      label:
        "same-work floor: node:http + pg + argon2 + jose (allowance, guesses and account in one statement, verify, give-back, token), log-in",
    },
    {
      id: LOG_IN_VERIFY_ONLY,
      work: "argon2-only",
      name: "verify-only floor",
      label: "verify-only floor: node:http + argon2 (form, verify), log-in",
    },
  ],
  [REGISTER]: [
    {
      id: REGISTER_SAME_WORK,
      work: "same-work",
      name: "same-work floor",
      label:
        "same-work floor: node:http + pg + argon2 (allowance, hash, one insert of account, profile, token, mail), register",
    },
    {
      id: REGISTER_HASH_ONLY,
      work: "argon2-only",
      name: "hash-only floor",
      label: "hash-only floor: node:http + argon2 (body, hash), register",
    },
  ],
};
