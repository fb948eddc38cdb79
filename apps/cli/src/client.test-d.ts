// Type tests: the client's calls are checked against AppRouter. `pnpm typecheck` (part of
// `pnpm test`) type-checks this file; each @ts-expect-error passes only while the compiler
// rejects the line under it.
import type { RouterInputs, RouterOutputs } from "@phresh/api";
import type { CleaningType } from "@phresh/api/schemas";
import { describe, expectTypeOf, test } from "vitest";
import type { PhreshClient } from "./client.ts";

describe("the CLI's client is typed by AppRouter", () => {
  test("each procedure takes the API's input and resolves to the API's output", () => {
    type Create = PhreshClient["cleanings"]["create"]["mutate"];
    expectTypeOf<Create>().parameter(0).toEqualTypeOf<RouterInputs["cleanings"]["create"]>();
    expectTypeOf<Create>().returns.resolves.toEqualTypeOf<RouterOutputs["cleanings"]["create"]>();

    type Login = PhreshClient["auth"]["login"]["mutate"];
    expectTypeOf<Login>().parameter(0).toEqualTypeOf<{ email: string; password: string }>();
    expectTypeOf<Login>().returns.resolves.toEqualTypeOf<{
      access_token: string;
      token_type: "bearer";
    }>();

    expectTypeOf<PhreshClient["users"]["me"]["query"]>().returns.resolves.toHaveProperty("email");
  });

  test("cleanings carry the API's field names and types", () => {
    type Cleaning = RouterOutputs["cleanings"]["byId"];
    expectTypeOf<Cleaning["price"]>().toEqualTypeOf<number>();
    expectTypeOf<Cleaning["cleaning_type"]>().toEqualTypeOf<CleaningType>();
    expectTypeOf<Cleaning["description"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RouterInputs["cleanings"]["update"]>().toHaveProperty("patch");
  });

  test("wrong inputs and unknown procedures do not compile", () => {
    // Never called: only the compiler's verdict on these lines matters.
    const wrongCalls = (client: PhreshClient) => [
      // @ts-expect-error a price is a number, not a string
      client.cleanings.create.mutate({ name: "Kitchen", price: "12" }),
      // @ts-expect-error the cleaning type must be one the API knows
      client.cleanings.create.mutate({ name: "Kitchen", price: 12, cleaning_type: "deep_clean" }),
      // @ts-expect-error create needs a price
      client.cleanings.create.mutate({ name: "Kitchen" }),
      // @ts-expect-error update takes the id and a patch, not flat fields
      client.cleanings.update.mutate({ id: 1, name: "Kitchen" }),
      // @ts-expect-error there is no such procedure
      client.cleanings.archive.mutate({ id: 1 }),
      // @ts-expect-error list is a query, not a mutation
      client.cleanings.list.mutate(),
      // @ts-expect-error the search's sorts are the API's, spelled with an underscore
      client.jobs.search.query({ sort: "price-asc" }),
      // @ts-expect-error an offer is accepted by the offerer's name, not their id
      client.offers.accept.mutate({ cleaning_id: 1, user_id: "x" }),
      client.evaluations.create.mutate({
        cleaning_id: 1,
        name: "anne",
        // @ts-expect-error ratings are numbers
        evaluation: { overall_rating: "5" },
      }),
      // @ts-expect-error the feed's page size is page_chunk_size
      client.feed.cleanings.query({ limit: 5 }),
      // @ts-expect-error log-in takes an e-mail, not a username (the legacy form field)
      client.auth.login.mutate({ username: "ann@example.com", password: "secret" }),
    ];
    expectTypeOf(wrongCalls).parameter(0).toEqualTypeOf<PhreshClient>();
  });
});
