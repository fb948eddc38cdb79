// For test servers: every answer of a REST route must have a status and a body its OpenAPI
// document gives. An undocumented answer is turned into a 500 that names it, so any suite that
// meets one fails where it happened.
import { procedureRoutes } from "./handler.ts";
import { documentedResponses } from "./responses.ts";
import { compileRoute, matchingRoutes } from "./route-table.ts";

const compiledRoutes = procedureRoutes.map(compileRoute);

/** Why `response` is not what the document promises for this request; undefined when it is. */
export async function undocumentedAnswer(
  request: Request,
  response: Response,
  basePath: string,
): Promise<string | undefined> {
  const pathname = new URL(request.url).pathname.slice(basePath.length);
  const route = matchingRoutes(compiledRoutes, pathname).find(
    (candidate) => candidate.method === request.method,
  );
  // Paths and methods no route serves answer 404/405 before any route runs.
  if (!route) return undefined;
  const where = `${request.method} ${route.path}`;
  const documented = documentedResponses(route).get(response.status);
  if (!documented) return `${where} answered an undocumented ${response.status}`;
  if (!documented.schema) return undefined;
  const text = await response.clone().text();
  const parsed = documented.schema.safeParse(text === "" ? undefined : JSON.parse(text));
  return parsed.success
    ? undefined
    : `${where} answered ${response.status} with an undocumented body: ${text.slice(0, 200)}`;
}
