// `phresh cleanings …`: list, show, create, update and delete cleaning jobs. Options are checked
// with the API's own schemas before anything is sent.
import type { RouterInputs } from "@phresh/api";
import { cleaningCreateSchema, cleaningTypes, cleaningUpdateSchema } from "@phresh/api/schemas";
import { type Command, Option } from "commander";
import type { ContextFor } from "../command-context.ts";
import { checked, parseCleaningId, parsePrice } from "../options.ts";
import { cleaningDetails, cleaningsTable } from "../output.ts";

type CleaningOptions = {
  name?: string;
  price?: number;
  type?: (typeof cleaningTypes)[number];
  /** false for --no-description (update: clear it). */
  description?: string | false;
};

const typeOption = () => new Option("--type <type>", "the kind of cleaning").choices(cleaningTypes);

export function addCleaningCommands(program: Command, contextFor: ContextFor): void {
  const cleanings = program
    .command("cleanings")
    .description("your cleaning jobs (needs `phresh login`)");

  cleanings
    .command("list")
    .description("list your cleanings, newest first")
    .action(async (_options: unknown, command: Command) => {
      const context = contextFor(command);
      const list = await (await context.loggedInClient()).cleanings.list.query();
      context.output.result(list, cleaningsTable);
    });

  cleanings
    .command("show")
    .description("show one cleaning (anyone's)")
    .argument("<id>", "the cleaning's id", parseCleaningId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const cleaning = await (await context.loggedInClient()).cleanings.byId.query({ id });
      context.output.result(cleaning, cleaningDetails);
    });

  cleanings
    .command("create")
    .description("post a new cleaning job")
    .requiredOption("--name <name>", "a short title, up to 100 characters")
    .requiredOption("--price <amount>", "what you pay, e.g. 49.50", parsePrice)
    .addOption(typeOption().default("spot_clean"))
    .option("--description <text>", "details, up to 1000 characters")
    .action(async (options: CleaningOptions, command: Command) => {
      const context = contextFor(command);
      const input: RouterInputs["cleanings"]["create"] = {
        name: options.name ?? "",
        price: options.price ?? Number.NaN,
        cleaning_type: options.type,
        description: options.description || undefined,
      };
      checked(cleaningCreateSchema, input, "cleaning");
      const cleaning = await (await context.loggedInClient()).cleanings.create.mutate(input);
      context.output.result(
        cleaning,
        (cleaning) => `Created cleaning ${cleaning.id}.\n${cleaningDetails(cleaning)}`,
      );
    });

  cleanings
    .command("update")
    .description("change the given fields of one of your cleanings")
    .argument("<id>", "the cleaning's id", parseCleaningId)
    .option("--name <name>", "a new title")
    .option("--price <amount>", "a new price, e.g. 49.50", parsePrice)
    .addOption(typeOption())
    .option("--description <text>", "a new description")
    .option("--no-description", "remove the description")
    .action(async (id: number, options: CleaningOptions, command: Command) => {
      const context = contextFor(command);
      const patch: RouterInputs["cleanings"]["update"]["patch"] = {
        name: options.name,
        price: options.price,
        cleaning_type: options.type,
        description: options.description === false ? null : options.description,
      };
      checked(cleaningUpdateSchema, patch, "update");
      const cleaning = await (await context.loggedInClient()).cleanings.update.mutate({
        id,
        patch,
      });
      context.output.result(
        cleaning,
        (cleaning) => `Updated cleaning ${cleaning.id}.\n${cleaningDetails(cleaning)}`,
      );
    });

  cleanings
    .command("delete")
    .description("delete one of your cleanings")
    .argument("<id>", "the cleaning's id", parseCleaningId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const context = contextFor(command);
      const deleted = await (await context.loggedInClient()).cleanings.delete.mutate({ id });
      context.output.result(deleted, ({ id }) => `Deleted cleaning ${id}.`);
    });
}
