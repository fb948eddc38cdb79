// The marketplace contract's offer routes (O1–O6) and the caller's own offers. Each entry maps a
// method and path onto a procedure; no rule lives here. `{name}` is the offerer's user name.

import { userNameSchema } from "../auth/schemas.ts";
import { cleaningIdSchema } from "../cleanings/schemas.ts";
import { ErrorCode } from "../error-codes.ts";
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, pageSizeSchema } from "../listings/paging.ts";
import {
  type MyOffersPage,
  myOfferSchema,
  myOffersCursorSchema,
  offerPublicSchema,
} from "../offers/schemas.ts";
import { SIGNED_IN } from "./refusals.ts";
import { type ProcedureRoute, procedureRoute } from "./route-table.ts";
import { pathParameter, queryParameter } from "./sources.ts";

const cleaningId = pathParameter("id", cleaningIdSchema);
const offerer = pathParameter("name", userNameSchema);

export const offerRoutes: ProcedureRoute[] = [
  procedureRoute({
    method: "POST",
    path: "/cleanings/{id}/offers",
    summary: "Offer to do a cleaning (once per cleaning; not your own)",
    tag: "offers",
    status: 201,
    input: { cleaning_id: cleaningId },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.OFFER_OWN_CLEANING,
      ErrorCode.OFFER_ALREADY_EXISTS,
      ErrorCode.CLEANING_NOT_OPEN,
    ],
    response: offerPublicSchema,
    procedure: "offers.make",
  }),
  procedureRoute({
    method: "GET",
    path: "/cleanings/{id}/offers",
    summary: "Every offer of a cleaning, newest first (its owner only)",
    tag: "offers",
    status: 200,
    input: { cleaning_id: cleaningId },
    errors: [...SIGNED_IN, ErrorCode.CLEANING_NOT_FOUND, ErrorCode.OFFERS_NOT_OWNER],
    response: offerPublicSchema.array(),
    procedure: "offers.list",
  }),
  procedureRoute({
    method: "PUT",
    path: "/cleanings/{id}/offers",
    summary: "Cancel your accepted offer; the rejected offers become pending again",
    tag: "offers",
    status: 200,
    input: { cleaning_id: cleaningId },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.OFFER_NOT_FOUND,
      ErrorCode.OFFER_NOT_ACCEPTED,
    ],
    response: offerPublicSchema,
    procedure: "offers.cancel",
  }),
  procedureRoute({
    method: "DELETE",
    path: "/cleanings/{id}/offers",
    summary: "Withdraw your pending offer; answers with it as it was",
    tag: "offers",
    status: 200,
    input: { cleaning_id: cleaningId },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.OFFER_NOT_FOUND,
      ErrorCode.OFFER_NOT_PENDING,
    ],
    response: offerPublicSchema,
    procedure: "offers.rescind",
  }),
  procedureRoute({
    method: "GET",
    path: "/cleanings/{id}/offers/{name}",
    summary: "One person's offer (the cleaning's owner and that person only)",
    tag: "offers",
    status: 200,
    input: { cleaning_id: cleaningId, name: offerer },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.OFFER_FORBIDDEN,
      ErrorCode.OFFER_NOT_FOUND,
    ],
    response: offerPublicSchema,
    procedure: "offers.byUser",
  }),
  procedureRoute({
    method: "PUT",
    path: "/cleanings/{id}/offers/{name}",
    summary: "Accept a pending offer (the owner); the other pending offers are rejected",
    tag: "offers",
    status: 200,
    input: { cleaning_id: cleaningId, name: offerer },
    errors: [
      ...SIGNED_IN,
      ErrorCode.CLEANING_NOT_FOUND,
      ErrorCode.USER_NOT_FOUND,
      ErrorCode.OFFER_ACCEPT_NOT_OWNER,
      ErrorCode.OFFER_NOT_FOUND,
      ErrorCode.OFFER_NOT_PENDING,
      ErrorCode.CLEANING_ALREADY_ASSIGNED,
    ],
    response: offerPublicSchema,
    procedure: "offers.accept",
  }),
  procedureRoute({
    method: "GET",
    path: "/offers/me",
    summary: `Your offers with their cleanings, newest first; pages of ${PAGE_SIZE_DEFAULT} (at most ${PAGE_SIZE_MAX}), the next one in the Link header`,
    tag: "offers",
    status: 200,
    input: {
      cursor: queryParameter("cursor", myOffersCursorSchema),
      limit: queryParameter("limit", pageSizeSchema),
    },
    errors: SIGNED_IN,
    response: myOfferSchema.array(),
    procedure: "offers.mine",
    present: (page: MyOffersPage) => page.items,
    nextCursor: (page: MyOffersPage) => page.next_cursor,
  }),
];
