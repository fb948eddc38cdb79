// Browser-safe entry: the zod schemas, labels and rules that forms and the CLI reuse. Imports no server code.
export * from "./auth/password-policy.ts";
export * from "./auth/schemas.ts";
export * from "./cleanings/schemas.ts";
export { ErrorCode, isErrorCode } from "./error-codes.ts";
export { accountLinkProblems, errorMessages } from "./error-messages.ts";
export * from "./evaluations/schemas.ts";
export * from "./feed/schemas.ts";
export * from "./jobs/schemas.ts";
export { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from "./listings/paging.ts";
export * from "./listings/schemas.ts";
export * from "./offers/schemas.ts";
export * from "./profiles/schemas.ts";
export * from "./settings/schemas.ts";
export { NUL_CHARACTER_MESSAGE, plainText } from "./text.ts";
