// The users table's columns under the model's field names, for the few raw statements on hot
// paths: their rows then have the shape Prisma's model queries return (tests compare the two).
import { type Database, Prisma, type User } from "@phresh/db";

export const USER_COLUMNS = Prisma.sql`id, email, name, name_key AS "nameKey",
  hashed_password AS "hashedPassword", is_active AS "isActive", is_superuser AS "isSuperuser",
  is_verified AS "isVerified", token_generation AS "tokenGeneration", created_at AS "createdAt",
  updated_at AS "updatedAt", marketplace_mails AS "marketplaceMails"`;

/**
 * The account with this e-mail, or undefined: a log-in's first statement when rate limits are off
 * (with them on, password-guesses.ts reads it in its reservation).
 */
export async function userByEmail(sql: Database["sql"], email: string): Promise<User | undefined> {
  const [user] = await sql<User>`SELECT ${USER_COLUMNS} FROM users WHERE email = ${email}`;
  return user;
}
