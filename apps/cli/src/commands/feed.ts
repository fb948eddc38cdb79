// `phresh feed`: what is happening on Phresh, newest first: every cleaning posted or changed, a
// page at a time. The page is checked with the API's own schema before it is asked for.
import type { RouterInputs, RouterOutputs } from "@phresh/api";
import {
  cleaningTypeLabels,
  type FeedEventType,
  feedInputSchema,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
} from "@phresh/api/schemas";
import Table from "cli-table3";
import type { Command } from "commander";
import type { ContextFor } from "../command-context.ts";
import { checked, parseWholeNumber } from "../options.ts";
import { money, nextPageHint, plainStyle, timestamp } from "../output.ts";

type FeedPage = RouterOutputs["feed"]["cleanings"];

const eventLabels: Record<FeedEventType, string> = { is_create: "posted", is_update: "updated" };

// The API's names for what this command calls --limit and --more.
const feedFieldLabels = { page_chunk_size: "limit", cursor: "more" };

export function feedTable(page: FeedPage): string {
  if (page.items.length === 0) return "Nothing in the feed yet.";
  const table = new Table({
    head: ["When", "Event", "ID", "Name", "Type", "Price", "Owner"],
    colAligns: ["left", "left", "right", "left", "left", "right", "left"],
    style: plainStyle,
  });
  for (const event of page.items) {
    table.push([
      timestamp(event.event_timestamp),
      eventLabels[event.event_type],
      event.id,
      event.name,
      cleaningTypeLabels[event.cleaning_type],
      money(event.price),
      event.owner?.name ?? "—",
    ]);
  }
  return `${table.toString()}${nextPageHint(page.next_cursor, "--more")}`;
}

export function addFeedCommand(program: Command, contextFor: ContextFor): void {
  program
    .command("feed")
    .description("every cleaning posted or changed, newest first (needs `phresh login`)")
    .option(
      "--limit <count>",
      `events per page, 1-${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT})`,
      parseWholeNumber,
    )
    .option("--more <cursor>", "the next page: the value the previous page printed")
    .action(async (options: { limit?: number; more?: string }, command: Command) => {
      const context = contextFor(command);
      const input: RouterInputs["feed"]["cleanings"] = {
        page_chunk_size: options.limit,
        cursor: options.more,
      };
      checked(feedInputSchema, input, "feed page", feedFieldLabels);
      const page = await (await context.loggedInClient()).feed.cleanings.query(input);
      context.output.result(page, feedTable);
    });
}
