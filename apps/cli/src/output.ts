// What the commands print: tables and sentences for people, or the API's own JSON with --json.
import type { RouterOutputs } from "@phresh/api";
import { cleaningTypeLabels } from "@phresh/api/schemas";
import Table from "cli-table3";
import type { CliError } from "./errors.ts";

/** A cleaning's own fields (byId and list add its offers, which these views do not show). */
export type Cleaning = RouterOutputs["cleanings"]["create"];
export type User = RouterOutputs["users"]["me"];

export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream,
    private readonly stderr: NodeJS.WritableStream,
  ) {}

  /** `value` as JSON with --json, else the text `forPeople` makes of it. */
  result<T>(value: T, forPeople: (value: T) => string): void {
    const text = this.json ? JSON.stringify(value, null, 2) : forPeople(value);
    this.stdout.write(`${text}\n`);
  }

  /** One line on stderr; a JSON object with --json, so scripts can read the code. */
  error(error: CliError): void {
    const line = this.json
      ? JSON.stringify({
          error: {
            message: error.message,
            code: error.errorCode ?? null,
            exit_code: error.exitCode,
          },
        })
      : `phresh: ${error.message}`;
    this.stderr.write(`${line}\n`);
  }
}

// No colours: they would end up as escape codes in files and pipes.
export const plainStyle = { head: [], border: [] };
// Record views have no header to set apart, so no rule between their rows either.
const compactChars = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/** "2024-05-01 14:03 UTC": to the minute, in one zone whatever the machine's. */
export function timestamp(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export function money(price: number): string {
  return price.toFixed(2);
}

/**
 * The line under a page of a longer list: how to get the next one. The cursor is the API's
 * opaque `next_cursor`, passed back as is.
 */
export function nextPageHint(nextCursor: string | null, option: string): string {
  return nextCursor === null ? "" : `\nMore: run the same command with ${option} ${nextCursor}`;
}

export function cleaningsTable(cleanings: Cleaning[]): string {
  if (cleanings.length === 0)
    return "You have no cleanings yet. Create one with `phresh cleanings create`.";
  const table = new Table({
    head: ["ID", "Name", "Type", "Price", "Created"],
    colAligns: ["right", "left", "left", "right", "left"],
    style: plainStyle,
  });
  for (const cleaning of cleanings) {
    table.push([
      cleaning.id,
      cleaning.name,
      cleaningTypeLabels[cleaning.cleaning_type],
      money(cleaning.price),
      timestamp(cleaning.created_at),
    ]);
  }
  return table.toString();
}

export function detailsTable(rows: [string, string][]): string {
  const table = new Table({ style: plainStyle, chars: compactChars });
  for (const [label, value] of rows) table.push({ [label]: value });
  return table.toString();
}

export function cleaningDetails(cleaning: Cleaning): string {
  return detailsTable([
    ["ID", String(cleaning.id)],
    ["Name", cleaning.name],
    ["Type", cleaningTypeLabels[cleaning.cleaning_type]],
    ["Price", money(cleaning.price)],
    ["Description", cleaning.description ?? "—"],
    ["Owner", cleaning.owner_id ?? "— (from before accounts existed)"],
    ["Created", timestamp(cleaning.created_at)],
    ["Updated", timestamp(cleaning.updated_at)],
  ]);
}

export function userDetails(user: User): string {
  const yesNo = (value: boolean) => (value ? "yes" : "no");
  return detailsTable([
    ["ID", user.id],
    ["E-mail", user.email],
    ["Name", user.name],
    ["Verified", yesNo(user.is_verified)],
    ["Active", yesNo(user.is_active)],
    ["Superuser", yesNo(user.is_superuser)],
    ["Created", timestamp(user.created_at)],
  ]);
}
