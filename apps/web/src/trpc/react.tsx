"use client";
// The browser's tRPC client: React Query hooks over /api/trpc. The session travels in the
// HttpOnly cookie, which the browser sends by itself; no token is ever visible to scripts.
import type { AppRouter } from "@phresh/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { type ReactNode, useState } from "react";

export const trpc = createTRPCReact<AppRouter>();

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
  );
  const [client] = useState(() =>
    // The server refuses a batch of more than TRPC_MAX_BATCH_CALLS calls (10 by default).
    trpc.createClient({ links: [httpBatchLink({ url: "/api/trpc", maxItems: 10 })] }),
  );
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
