// Between the database row and the API's cleaning.
import type { Cleaning as CleaningRow, Prisma } from "@phresh/db";
import type { Cleaning, CleaningUpdate } from "./schemas.ts";

export function toCleaning(row: CleaningRow): Cleaning {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    price: row.price.toNumber(),
    cleaning_type: row.cleaningType,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    owner_id: row.ownerId,
  };
}

/** Prices go to numeric(10, 2) as exact decimal strings, never through binary floating point. */
export function priceToDecimal(price: number): string {
  return price.toFixed(2);
}

export function toCleaningChanges(update: CleaningUpdate): Prisma.CleaningUpdateInput {
  return {
    name: update.name,
    description: update.description,
    price: update.price === undefined ? undefined : priceToDecimal(update.price),
    cleaningType: update.cleaning_type,
  };
}
