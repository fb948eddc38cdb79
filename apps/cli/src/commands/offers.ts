// `phresh offers …`: offering to do other people's cleanings (make, rescind, cancel, mine) and,
// for a cleaning's owner, seeing and accepting its offers (list, accept). The rules are the
// API's; these commands send what was typed and show the answer or the API's refusal.
import type { RouterInputs, RouterOutputs } from "@phresh/api";
import {
  cleaningTypeLabels,
  myOffersInput,
  offerRefInput,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
} from "@phresh/api/schemas";
import Table from "cli-table3";
import type { Command } from "commander";
import type { ContextFor } from "../command-context.ts";
import { checked, parseCleaningId, parseWholeNumber } from "../options.ts";
import { money, nextPageHint, plainStyle, timestamp } from "../output.ts";

type Offer = RouterOutputs["offers"]["make"];
type MyOffersPage = RouterOutputs["offers"]["mine"];

export function offersTable(cleaningId: number, offers: Offer[]): string {
  if (offers.length === 0) return `Cleaning ${cleaningId} has no offers yet.`;
  const table = new Table({
    head: ["Name", "Full name", "Status", "Offered", "Updated"],
    style: plainStyle,
  });
  for (const offer of offers) {
    table.push([
      offer.user.name,
      offer.user.profile.full_name ?? "—",
      offer.status,
      timestamp(offer.created_at),
      timestamp(offer.updated_at),
    ]);
  }
  return table.toString();
}

export function myOffersTable(page: MyOffersPage): string {
  if (page.items.length === 0) {
    return "You have made no offers yet. Find open jobs with `phresh jobs search`.";
  }
  const table = new Table({
    head: ["Cleaning", "Name", "Type", "Price", "Status", "Offered"],
    colAligns: ["right", "left", "left", "right", "left", "left"],
    style: plainStyle,
  });
  for (const offer of page.items) {
    table.push([
      offer.cleaning_id,
      offer.cleaning.name,
      cleaningTypeLabels[offer.cleaning.cleaning_type],
      money(offer.cleaning.price),
      offer.status,
      timestamp(offer.created_at),
    ]);
  }
  return `${table.toString()}${nextPageHint(page.next_cursor, "--cursor")}`;
}

const cleaningIdArgument = ["<cleaning-id>", "the cleaning's id", parseCleaningId] as const;

export function addOfferCommands(program: Command, contextFor: ContextFor): void {
  const offers = program
    .command("offers")
    .description("offers to do cleanings, yours and on yours (needs `phresh login`)");

  offers
    .command("make")
    .description("offer to do someone else's cleaning")
    .argument(...cleaningIdArgument)
    .action(async (cleaningId: number, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const client = await context.loggedInClient();
      const offer = await client.offers.make.mutate({ cleaning_id: cleaningId });
      context.output.result(
        offer,
        () => `You offered to do cleaning ${cleaningId}; its owner is told and may accept.`,
      );
    });

  offers
    .command("rescind")
    .description("withdraw your pending offer on a cleaning (you may offer again later)")
    .argument(...cleaningIdArgument)
    .action(async (cleaningId: number, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const client = await context.loggedInClient();
      const offer = await client.offers.rescind.mutate({ cleaning_id: cleaningId });
      context.output.result(offer, () => `You withdrew your offer on cleaning ${cleaningId}.`);
    });

  offers
    .command("cancel")
    .description("cancel your accepted offer on a cleaning; its other offers are pending again")
    .argument(...cleaningIdArgument)
    .action(async (cleaningId: number, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const client = await context.loggedInClient();
      const offer = await client.offers.cancel.mutate({ cleaning_id: cleaningId });
      context.output.result(
        offer,
        () => `You cancelled your accepted offer on cleaning ${cleaningId}.`,
      );
    });

  offers
    .command("list")
    .description("every offer on one of your cleanings, newest first")
    .argument(...cleaningIdArgument)
    .action(async (cleaningId: number, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const client = await context.loggedInClient();
      const list = await client.offers.list.query({ cleaning_id: cleaningId });
      context.output.result(list, (list) => offersTable(cleaningId, list));
    });

  offers
    .command("accept")
    .description(
      "accept one person's offer on your cleaning; its other pending offers are rejected",
    )
    .argument(...cleaningIdArgument)
    .argument("<name>", "the name of the person whose offer you accept")
    .action(async (cleaningId: number, name: string, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const input: RouterInputs["offers"]["accept"] = { cleaning_id: cleaningId, name };
      checked(offerRefInput, input, "offer");
      const offer = await (await context.loggedInClient()).offers.accept.mutate(input);
      context.output.result(
        offer,
        (offer) =>
          `You accepted ${offer.user.name}'s offer on cleaning ${cleaningId}; its other pending offers are rejected.`,
      );
    });

  offers
    .command("mine")
    .description("the offers you have made, newest first")
    .option(
      "--limit <count>",
      `offers per page, 1-${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT})`,
      parseWholeNumber,
    )
    .option("--cursor <cursor>", "the next page: the value the previous page printed")
    .action(async (options: { limit?: number; cursor?: string }, command: Command) => {
      const context = contextFor(command);
      const input: RouterInputs["offers"]["mine"] = {
        limit: options.limit,
        cursor: options.cursor,
      };
      checked(myOffersInput, input, "page");
      const page = await (await context.loggedInClient()).offers.mine.query(input);
      context.output.result(page, myOffersTable);
    });
}
