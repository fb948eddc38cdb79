// Finding an account by its public name, as the marketplace's paths name people
// (`/profiles/{name}`, `/users/{name}/evaluations`).
import type { Transaction } from "../transactions.ts";

/**
 * The account called `name`, in any letter case (names are unique regardless of case), or
 * undefined. A deactivated account is treated as absent: it is hidden from everyone else.
 */
export async function findActiveUserByName(db: Transaction, name: string) {
  const user = await db.user.findUnique({
    where: { nameKey: name.toLowerCase() },
    select: { id: true, name: true, isActive: true },
  });
  return user?.isActive ? user : undefined;
}
