// Reading and changing the caller's account settings (notify() honours them).
import type { PrismaClient } from "@phresh/db";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import type { AccountSettings } from "./schemas.ts";

/** From the caller's row, which authentication has just read. */
export function accountSettings(user: { marketplaceMails: boolean }): AccountSettings {
  return { marketplace_mails: user.marketplaceMails };
}

export async function updateAccountSettings(
  db: PrismaClient,
  userId: string,
  update: AccountSettings,
): Promise<AccountSettings> {
  const [user] = await db.user.updateManyAndReturn({
    where: { id: userId },
    data: { marketplaceMails: update.marketplace_mails },
    select: { marketplaceMails: true },
  });
  // Deleted since this request was authenticated.
  if (!user) throw domainError(ErrorCode.USER_NOT_FOUND);
  return accountSettings(user);
}
