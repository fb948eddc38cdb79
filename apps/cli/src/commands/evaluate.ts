// `phresh evaluate`: the owner of a cleaning rates the cleaner whose accepted offer did it, which
// completes the offer. The evaluation is checked with the API's own schema before it is sent.
import type { RouterInputs, RouterOutputs } from "@phresh/api";
import { EVALUATION_LIMITS, evaluationCreateInput } from "@phresh/api/schemas";
import type { Command } from "commander";
import type { ContextFor } from "../command-context.ts";
import { checked, parseCleaningId, parseWholeNumber } from "../options.ts";
import { detailsTable, timestamp } from "../output.ts";

type Evaluation = RouterOutputs["evaluations"]["create"];

type EvaluateOptions = {
  overall?: number;
  professionalism?: number;
  completeness?: number;
  efficiency?: number;
  headline?: string;
  comment?: string;
  /** Commander's name for --no-show: false when it is given. */
  show: boolean;
};

const rating = (value: number | null) => (value === null ? "—" : `${value} of 5`);

export function evaluationDetails(evaluation: Evaluation): string {
  return detailsTable([
    ["Cleaning", `${evaluation.cleaning_id ?? "—"} (${evaluation.cleaning_name})`],
    ["Overall", rating(evaluation.overall_rating)],
    ["Professionalism", rating(evaluation.professionalism)],
    ["Completeness", rating(evaluation.completeness)],
    ["Efficiency", rating(evaluation.efficiency)],
    ["No-show", evaluation.no_show ? "yes" : "no"],
    ["Headline", evaluation.headline ?? "—"],
    ["Comment", evaluation.comment ?? "—"],
    ["Evaluated", timestamp(evaluation.created_at)],
  ]);
}

export function addEvaluateCommand(program: Command, contextFor: ContextFor): void {
  program
    .command("evaluate")
    .description(
      "rate the cleaner whose accepted offer did your cleaning; this completes the offer (needs `phresh login`)",
    )
    .argument("<cleaning-id>", "your cleaning's id", parseCleaningId)
    .argument("<name>", "the cleaner's name")
    .requiredOption("--overall <rating>", "the overall rating, 0-5", parseWholeNumber)
    .option("--professionalism <rating>", "0-5", parseWholeNumber)
    .option("--completeness <rating>", "0-5", parseWholeNumber)
    .option("--efficiency <rating>", "0-5", parseWholeNumber)
    .option("--headline <text>", `a title, up to ${EVALUATION_LIMITS.headline} characters`)
    .option(
      "--comment <text>",
      `what you have to say, up to ${EVALUATION_LIMITS.comment} characters`,
    )
    .option("--no-show", "the cleaner did not come")
    .action(
      async (cleaningId: number, name: string, options: EvaluateOptions, command: Command) => {
        const context = contextFor(command);
        const input: RouterInputs["evaluations"]["create"] = {
          cleaning_id: cleaningId,
          name,
          evaluation: {
            overall_rating: options.overall ?? Number.NaN,
            professionalism: options.professionalism,
            completeness: options.completeness,
            efficiency: options.efficiency,
            headline: options.headline,
            comment: options.comment,
            no_show: !options.show,
          },
        };
        checked(evaluationCreateInput, input, "evaluation");
        const client = await context.loggedInClient();
        const evaluation = await client.evaluations.create.mutate(input);
        context.output.result(
          evaluation,
          (evaluation) =>
            `You evaluated ${name}'s work on cleaning ${cleaningId}.\n${evaluationDetails(evaluation)}`,
        );
      },
    );
}
