// The cleanings contract: what a cleaning is and what may be sent to create or change one.
// Shared by the procedures, the REST adapter's OpenAPI document, the web forms and the CLI.
// Field names are snake_case, as in the legacy HTTP API, on every surface.
import { z } from "zod";
import { plainText } from "../text.ts";

export const cleaningTypes = ["dust_up", "spot_clean", "full_clean"] as const;
export const cleaningTypeSchema = z.enum(cleaningTypes);
export type CleaningType = z.infer<typeof cleaningTypeSchema>;

export const cleaningTypeLabels: Record<CleaningType, string> = {
  dust_up: "Dust up",
  spot_clean: "Spot clean",
  full_clean: "Full clean",
};

/** PostgreSQL `integer`: larger ids cannot exist, so they are refused rather than queried. */
export const cleaningIdSchema = z.number().int().positive().max(2_147_483_647);

const nameSchema = plainText().trim().min(1).max(100);
const descriptionSchema = plainText().max(1000).nullable();

function hasAtMostTwoDecimals(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** Stored as numeric(10, 2). */
export const priceSchema = z
  .number()
  .min(0)
  .lt(100_000_000)
  .refine(hasAtMostTwoDecimals, "must have at most 2 decimal places");

export const cleaningCreateSchema = z.object({
  name: nameSchema,
  description: descriptionSchema.optional(),
  price: priceSchema,
  cleaning_type: cleaningTypeSchema.default("spot_clean"),
});
export type CleaningCreate = z.input<typeof cleaningCreateSchema>;

export const cleaningUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
    price: priceSchema.optional(),
    cleaning_type: cleaningTypeSchema.optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), {
    message: "must change at least one field",
  });
export type CleaningUpdate = z.input<typeof cleaningUpdateSchema>;

export const cleaningSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  price: z.number(),
  cleaning_type: cleaningTypeSchema,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  /** Null for cleanings from before accounts existed. */
  owner_id: z.uuid().nullable(),
});
export type Cleaning = z.infer<typeof cleaningSchema>;
