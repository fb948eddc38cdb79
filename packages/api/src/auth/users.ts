// Between the database row and the API's user. The password hash never leaves this package.
import type { User as UserRow } from "@phresh/db";
import type { User } from "./schemas.ts";

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    is_active: row.isActive,
    is_superuser: row.isSuperuser,
    is_verified: row.isVerified,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
