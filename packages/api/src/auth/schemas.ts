// The accounts contract: what may be sent to register, log in, verify, reset and change an
// account, and what a user looks like. Browser-safe (forms and the CLI reuse it).
import { z } from "zod";
import { plainText } from "../text.ts";

/** Trimmed and lower-cased before it is checked, so every comparison is case-insensitive. */
export const emailSchema = plainText().trim().toLowerCase().pipe(z.email().max(320));

export const userNameSchema = plainText()
  .min(4, "must be at least 4 characters")
  .max(20, "must be at most 20 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, _ and -");

/**
 * The shape of a password; the configured policy (password-policy.ts) is checked by the
 * procedures, since it is chosen at start-up. The cap keeps hashing cost bounded.
 */
export const passwordSchema = plainText().min(1).max(1024);

export const userIdSchema = z.uuid();

export const registerInput = z.object({
  email: emailSchema,
  name: userNameSchema,
  password: passwordSchema,
});

export const loginInput = z.object({ email: emailSchema, password: passwordSchema });

/** Deliberately loose: a malformed address is simply not an account, and the answer is the same 202. */
export const emailRequestInput = z.object({
  email: plainText().trim().toLowerCase().pipe(z.email()),
});

export const accountTokenInput = z.object({ token: plainText().min(1).max(200) });

export const resetPasswordInput = z.object({
  token: plainText().min(1).max(200),
  password: passwordSchema,
});

export const updateOwnAccountInput = z.object({
  name: userNameSchema.optional(),
  email: emailSchema.optional(),
  password: passwordSchema.optional(),
  current_password: passwordSchema,
});

export const adminUserUpdateSchema = z.object({
  name: userNameSchema.optional(),
  email: emailSchema.optional(),
  password: passwordSchema.optional(),
  is_active: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
  is_verified: z.boolean().optional(),
});

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  is_verified: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

export const accessTokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
});
