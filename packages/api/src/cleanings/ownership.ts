// Who may change a cleaning: its owner, or a superuser. Cleanings from before accounts existed
// have no owner, so only superusers may change them.
export function mayChangeCleaning(
  user: { id: string; isSuperuser: boolean },
  cleaning: { ownerId: string | null },
): boolean {
  return user.isSuperuser || (cleaning.ownerId !== null && cleaning.ownerId === user.id);
}
