// Text that PostgreSQL can store. Its text types refuse the NUL character (error 22021), which
// would surface as a 500 from deep inside a query; every text field of every input schema is
// built on `plainText()` instead, so NUL is refused up front as a validation error on that field
// (REST 422, tRPC BAD_REQUEST), by the forms, the procedures and the CLI alike.
import { z } from "zod";

export const NUL_CHARACTER_MESSAGE = "must not contain the NUL character (\\u0000)";

/** A string without NUL characters; chain `.trim()`, `.min()`, `.max()` … as on `z.string()`. */
export function plainText() {
  return z.string().refine((value) => !value.includes("\u0000"), NUL_CHARACTER_MESSAGE);
}
