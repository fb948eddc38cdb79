// For test servers: every answer of a REST route must have a status and a body its OpenAPI
// document gives (see `RestHandlerOptions.onAnswer`).
import type { Answer } from "./handler.ts";
import { documentedResponses } from "./responses.ts";
import type { ProcedureRoute } from "./route-table.ts";

/** Why `answer` is not what the document promises for `route`; undefined when it is. */
export function undocumentedAnswer(route: ProcedureRoute, answer: Answer): string | undefined {
  const where = `${route.method} ${route.path}`;
  const documented = documentedResponses(route).get(answer.status);
  if (!documented) return `${where} answered an undocumented ${answer.status}`;
  if (!documented.schema || documented.schema.safeParse(answer.body).success) return undefined;
  return `${where} answered ${answer.status} with an undocumented body: ${JSON.stringify(answer.body)?.slice(0, 200)}`;
}
