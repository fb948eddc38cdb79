// The header's menu of a logged-in person, as the browser tests reach it.
import { expect, type Page } from "@playwright/test";

export function siteMenuButton(page: Page) {
  return page.getByRole("button", { name: /^Menu of / });
}

/** Opens the menu with a click and waits until it shows. */
export async function openSiteMenu(page: Page) {
  await siteMenuButton(page).click();
  await expect(siteMenuButton(page)).toHaveAttribute("aria-expanded", "true");
}

/** Logs out through the header menu; ends on the log-in page that says so. */
export async function logOutFromMenu(page: Page) {
  await openSiteMenu(page);
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are logged out.")).toBeVisible();
}
