// `phresh jobs search`: open cleaning jobs to offer on, with the API's full-text search, filters,
// sorts and pages. The search is checked with the API's own schema before it is sent.
import type { RouterInputs, RouterOutputs } from "@phresh/api";
import {
  cleaningTypeLabels,
  cleaningTypes,
  JOB_QUERY_MAX_LENGTH,
  jobSearchInputSchema,
  jobSorts,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
} from "@phresh/api/schemas";
import Table from "cli-table3";
import { type Command, Option } from "commander";
import type { ContextFor } from "../command-context.ts";
import { checked, parsePrice, parseWholeNumber } from "../options.ts";
import { money, nextPageHint, plainStyle, timestamp } from "../output.ts";

type JobSearchPage = RouterOutputs["jobs"]["search"];

type SearchOptions = {
  type?: (typeof cleaningTypes)[number];
  minPrice?: number;
  maxPrice?: number;
  sort: (typeof jobSorts)[number];
  limit?: number;
  cursor?: string;
};

export function jobsTable(page: JobSearchPage): string {
  if (page.items.length === 0) return "No open jobs match.";
  const table = new Table({
    head: ["ID", "Name", "Type", "Price", "Owner", "Offers", "Your offer", "Posted"],
    colAligns: ["right", "left", "left", "right", "left", "right", "left", "left"],
    style: plainStyle,
  });
  for (const job of page.items) {
    table.push([
      job.id,
      job.name,
      cleaningTypeLabels[job.cleaning_type],
      money(job.price),
      job.owner.name,
      job.total_offers,
      job.my_offer_status ?? "—",
      timestamp(job.created_at),
    ]);
  }
  return `${table.toString()}${nextPageHint(page.next_cursor, "--cursor")}`;
}

export function addJobCommands(program: Command, contextFor: ContextFor): void {
  const jobs = program.command("jobs").description("open cleaning jobs (needs `phresh login`)");

  jobs
    .command("search")
    .description("find open jobs of other people to offer on; newest first unless --sort says")
    .argument(
      "[query]",
      `words to find in the name or description ("a phrase", -word, or); up to ${JOB_QUERY_MAX_LENGTH} characters`,
    )
    .addOption(new Option("--type <type>", "only this kind of cleaning").choices(cleaningTypes))
    .option("--min-price <amount>", "only jobs paying at least this", parsePrice)
    .option("--max-price <amount>", "only jobs paying at most this", parsePrice)
    .addOption(
      new Option("--sort <order>", "newest first, or by price: price_asc cheapest first")
        .choices(jobSorts)
        .default("newest"),
    )
    .option(
      "--limit <count>",
      `jobs per page, 1-${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT})`,
      parseWholeNumber,
    )
    .option("--cursor <cursor>", "the next page: the value the previous page printed")
    .action(async (query: string | undefined, options: SearchOptions, command: Command) => {
      const context = contextFor(command);
      const input: RouterInputs["jobs"]["search"] = {
        q: query || undefined,
        type: options.type,
        min_price: options.minPrice,
        max_price: options.maxPrice,
        sort: options.sort,
        limit: options.limit,
        cursor: options.cursor,
      };
      checked(jobSearchInputSchema, input, "search");
      const page = await (await context.loggedInClient()).jobs.search.query(input);
      context.output.result(page, jobsTable);
    });
}
