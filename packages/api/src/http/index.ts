// What Phresh's HTTP server needs, without the API itself (no database code is loaded).

export { createLogger, type Logger } from "../logging.ts";
export { clientAddress } from "./client-address.ts";
export { currentRequest, type RequestContext, runWithRequestContext } from "./request-context.ts";
export { securityHeaders } from "./security-headers.ts";
export { onShutdown, runShutdownHooks } from "./shutdown.ts";
