// The rules of profiles: anyone signed in may read a profile; contact details (e-mail, phone)
// are shown only to its owner and to the other party of an accepted or completed offer between
// the two (they need to reach each other); only the owner may change it.
import type { Prisma, PrismaClient } from "@phresh/db";
import { ErrorCode } from "../error-codes.ts";
import { domainError } from "../errors.ts";
import type { Profile, ProfileUpdate } from "./schemas.ts";

type ProfileRow = Prisma.ProfileGetPayload<true>;
type Owner = { id: string; name: string; email: string };

function toProfile(row: ProfileRow, owner: Owner, showContact: boolean): Profile {
  return {
    id: row.id,
    user_id: row.userId,
    name: owner.name,
    full_name: row.fullName,
    bio: row.bio,
    image: row.image,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    ...(showContact ? { email: owner.email, phone_number: row.phoneNumber } : {}),
  };
}

/** Whether one of the two owns a cleaning whose accepted or completed offer is the other's. */
async function haveAssignedJobTogether(db: PrismaClient, one: string, other: string) {
  const offer = await db.offer.findFirst({
    where: {
      status: { in: ["accepted", "completed"] },
      OR: [
        { userId: one, cleaning: { ownerId: other } },
        { userId: other, cleaning: { ownerId: one } },
      ],
    },
    select: { cleaningId: true },
  });
  return offer !== null;
}

/** The profile of the (active) account called `name`, as `viewer` may see it. */
export async function profileByName(
  db: PrismaClient,
  viewer: { id: string },
  name: string,
): Promise<Profile> {
  const owner = await db.user.findUnique({
    where: { nameKey: name.toLowerCase() },
    select: { id: true, name: true, email: true, isActive: true, profile: true },
  });
  if (!owner?.isActive || !owner.profile) throw domainError(ErrorCode.PROFILE_NOT_FOUND);
  const showContact =
    owner.id === viewer.id || (await haveAssignedJobTogether(db, viewer.id, owner.id));
  return toProfile(owner.profile, owner, showContact);
}

/** The caller's own profile, contact details included. */
export async function ownProfile(db: PrismaClient, user: Owner): Promise<Profile> {
  const row = await db.profile.findUnique({ where: { userId: user.id } });
  if (!row) throw domainError(ErrorCode.PROFILE_NOT_FOUND);
  return toProfile(row, user, true);
}

/** Changes the fields sent (null clears one); fields left out keep their value. */
export async function updateOwnProfile(
  db: PrismaClient,
  user: Owner,
  update: ProfileUpdate,
): Promise<Profile> {
  const changed = await db.profile.updateManyAndReturn({
    where: { userId: user.id },
    data: {
      fullName: update.full_name,
      phoneNumber: update.phone_number,
      bio: update.bio,
      image: update.image,
    },
  });
  const [row] = changed;
  if (!row) throw domainError(ErrorCode.PROFILE_NOT_FOUND);
  return toProfile(row, user, true);
}
