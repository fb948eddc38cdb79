// The cleanings table's columns (as `c`) under the model's field names, for the raw statements
// of the feed and the jobs search: their rows then map with the cleanings' own toCleaning.
import { Prisma } from "@phresh/db";

export const CLEANING_COLUMNS = Prisma.sql`c.id, c.name, c.description, c.price,
  c.cleaning_type AS "cleaningType", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  c.owner_id AS "ownerId"`;
