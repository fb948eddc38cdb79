// What Phresh's HTTP server needs, without the API itself (no database code is loaded).

export { createLogger, type Logger } from "../logging.ts";
export { devMailboxServes } from "../mail/dev-mailbox-access.ts";
export { clientAddress, isLoopbackAddress } from "./client-address.ts";
export { isDatabaseOutage, noteDatabaseOutage } from "./database-outage.ts";
export { currentRequest, type RequestContext, runWithRequestContext } from "./request-context.ts";
export { securityHeaders } from "./security-headers.ts";
export { onShutdown, runShutdownHooks } from "./shutdown.ts";
