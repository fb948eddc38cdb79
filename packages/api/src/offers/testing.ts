// Test helpers for the marketplace suites: each offer operation over either transport (the REST
// contract or tRPC over HTTP), answering in one normalised shape so one test covers both.
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { expect } from "vitest";
import type { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";

export type Transport = "REST" | "tRPC";

export type Answer = {
  status: number;
  /** The success body (tRPC: `result.data`). */
  body: unknown;
  /** The error code (REST: `detail`; tRPC: `error.data.errorCode`). */
  code: string | undefined;
  headers: Headers;
};

type Arguments = { id: number; name?: string; cursor?: string; limit?: number };

type Operation = {
  method: string;
  path(args: Arguments): string;
  /** REST's success status; tRPC always answers 200. */
  status: number;
  procedure: string;
  kind: "query" | "mutation";
  input(args: Arguments): unknown;
};

const offerRef = (args: Arguments) => ({ cleaning_id: args.id, name: args.name });

export const operations = {
  make: {
    method: "POST",
    path: ({ id }) => `/cleanings/${id}/offers`,
    status: 201,
    procedure: "offers.make",
    kind: "mutation",
    input: ({ id }) => ({ cleaning_id: id }),
  },
  list: {
    method: "GET",
    path: ({ id }) => `/cleanings/${id}/offers`,
    status: 200,
    procedure: "offers.list",
    kind: "query",
    input: ({ id }) => ({ cleaning_id: id }),
  },
  byUser: {
    method: "GET",
    path: ({ id, name }) => `/cleanings/${id}/offers/${name}`,
    status: 200,
    procedure: "offers.byUser",
    kind: "query",
    input: offerRef,
  },
  accept: {
    method: "PUT",
    path: ({ id, name }) => `/cleanings/${id}/offers/${name}`,
    status: 200,
    procedure: "offers.accept",
    kind: "mutation",
    input: offerRef,
  },
  cancel: {
    method: "PUT",
    path: ({ id }) => `/cleanings/${id}/offers`,
    status: 200,
    procedure: "offers.cancel",
    kind: "mutation",
    input: ({ id }) => ({ cleaning_id: id }),
  },
  rescind: {
    method: "DELETE",
    path: ({ id }) => `/cleanings/${id}/offers`,
    status: 200,
    procedure: "offers.rescind",
    kind: "mutation",
    input: ({ id }) => ({ cleaning_id: id }),
  },
  cleaning: {
    method: "GET",
    path: ({ id }) => `/cleanings/${id}`,
    status: 200,
    procedure: "cleanings.byId",
    kind: "query",
    input: ({ id }) => ({ id }),
  },
} satisfies Record<string, Operation>;

export type OperationName = keyof typeof operations;

async function answer(response: Response, transport: Transport): Promise<Answer> {
  const text = await response.text();
  const json: unknown = text === "" ? undefined : JSON.parse(text);
  if (transport === "REST") {
    const detail = (json as { detail?: unknown } | undefined)?.detail;
    const failed = response.status >= 400;
    return {
      status: response.status,
      body: failed ? undefined : json,
      code: failed && typeof detail === "string" ? detail : undefined,
      headers: response.headers,
    };
  }
  const envelope = json as {
    result?: { data: unknown };
    error?: { data?: { errorCode?: string } };
  };
  return {
    status: response.status,
    body: envelope.result?.data,
    code: envelope.error?.data?.errorCode,
    headers: response.headers,
  };
}

/** Calls `operation` as `token`'s owner (anonymous without a token) over `transport`. */
export async function callOffers(
  baseUrl: string,
  transport: Transport,
  operation: OperationName,
  token: string | undefined,
  args: Arguments,
): Promise<Answer> {
  const spec: Operation = operations[operation];
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (transport === "REST") {
    const response = await fetch(`${baseUrl}/api${spec.path(args)}`, {
      method: spec.method,
      headers,
    });
    return answer(response, transport);
  }
  const input = JSON.stringify(spec.input(args));
  const response =
    spec.kind === "query"
      ? await fetch(`${baseUrl}/api/trpc/${spec.procedure}?input=${encodeURIComponent(input)}`, {
          headers,
        })
      : await fetch(`${baseUrl}/api/trpc/${spec.procedure}`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: input,
        });
  return answer(response, transport);
}

/** The success status of `operation` on `transport`. */
export function successStatus(transport: Transport, operation: OperationName): number {
  return transport === "REST" ? operations[operation].status : 200;
}

/** The answer is the refusal `code`, with the status the error table gives it. */
export function expectRefusal(answer: Answer, code: ErrorCode): void {
  expect({ status: answer.status, code: answer.code }).toEqual({
    status: getHTTPStatusCodeFromError(domainError(code)),
    code,
  });
}
