// `phresh profile show|edit`: anyone's profile (contact details only where the API shows them),
// and changes to your own. Changes are checked with the API's own schema before they are sent.
import type { RouterInputs, RouterOutputs } from "@phresh/api";
import { PROFILE_LIMITS, profileUpdateSchema, userNameSchema } from "@phresh/api/schemas";
import type { Command } from "commander";
import type { ContextFor } from "../command-context.ts";
import { checked } from "../options.ts";
import { detailsTable, timestamp } from "../output.ts";

type Profile = RouterOutputs["profiles"]["me"];

/** A text option that may also be cleared: its value, or false for its --no- form. */
type Clearable = string | false | undefined;

type EditOptions = { fullName?: Clearable; bio?: Clearable; image?: Clearable; phone?: Clearable };

export function profileDetails(profile: Profile): string {
  const rows: [string, string][] = [
    ["Name", profile.name],
    ["Full name", profile.full_name ?? "—"],
    ["Bio", profile.bio ?? "—"],
    ["Image", profile.image ?? "—"],
  ];
  // Contact details come only to the profile's owner and the other party of an assigned job.
  if (profile.email !== undefined) rows.push(["E-mail", profile.email]);
  if (profile.phone_number !== undefined) rows.push(["Phone", profile.phone_number ?? "—"]);
  rows.push(["Member since", timestamp(profile.created_at)]);
  return detailsTable(rows);
}

/** undefined leaves the field as it is, null clears it (the --no- form). */
const change = (value: Clearable) => (value === false ? null : value);

export function addProfileCommands(program: Command, contextFor: ContextFor): void {
  const profile = program
    .command("profile")
    .description("profiles: anyone's, and changes to yours (needs `phresh login`)");

  profile
    .command("show")
    .description("show someone's profile, or yours when no name is given")
    .argument("[name]", "whose profile")
    .action(async (name: string | undefined, _options: unknown, command: Command) => {
      const context = contextFor(command);
      if (name !== undefined) checked(userNameSchema, name, "name");
      const client = await context.loggedInClient();
      const shown =
        name === undefined
          ? await client.profiles.me.query()
          : await client.profiles.byName.query({ name });
      context.output.result(shown, profileDetails);
    });

  profile
    .command("edit")
    .description("change the given fields of your profile; a --no- option clears one")
    .option("--full-name <name>", `your full name, up to ${PROFILE_LIMITS.fullName} characters`)
    .option("--no-full-name", "remove your full name")
    .option("--bio <text>", `about you, up to ${PROFILE_LIMITS.bio} characters`)
    .option("--no-bio", "remove your bio")
    .option("--image <url>", "an http(s) link to your picture")
    .option("--no-image", "remove your picture")
    .option("--phone <number>", "your phone number, shown only to the other party of a job")
    .option("--no-phone", "remove your phone number")
    .action(async (options: EditOptions, command: Command) => {
      const context = contextFor(command);
      const update: RouterInputs["profiles"]["updateMe"] = {
        full_name: change(options.fullName),
        bio: change(options.bio),
        image: change(options.image),
        phone_number: change(options.phone),
      };
      checked(profileUpdateSchema, update, "profile");
      const client = await context.loggedInClient();
      const updated = await client.profiles.updateMe.mutate(update);
      context.output.result(
        updated,
        (updated) => `Your profile is updated.\n${profileDetails(updated)}`,
      );
    });
}
