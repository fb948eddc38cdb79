import { expect, test } from "@playwright/test";
import { followMailedLink, logIn, signUpVerifiedAndLoggedIn } from "./people.ts";
import { logOutFromMenu } from "./site-menu.ts";

test("a forgotten password is reset through the mailbox; the used link then says so", async ({
  page,
}) => {
  const person = await signUpVerifiedAndLoggedIn(page);
  await logOutFromMenu(page);

  await page.goto("/forgot-password");
  await page.getByLabel("E-mail address").fill(person.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your mailbox" })).toBeVisible();

  const link = await followMailedLink(page, person.email, "/reset-password");
  await page.getByLabel("New password").fill("Renewed-pass-42");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "Your password is changed" })).toBeVisible();

  await logIn(page, { email: person.email, password: "Renewed-pass-42" });
  await expect(page.getByRole("heading", { name: "My cleanings" })).toBeVisible();

  await page.goto(link);
  await page.getByLabel("New password").fill("Third-pass-777");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
});

test("a used verification link shows the already-verified state", async ({ page }) => {
  const person = await signUpVerifiedAndLoggedIn(page);
  await page.goto("/dev/mailbox");
  const href = await page
    .locator("article.mail", { hasText: `To ${person.email}` })
    .getByRole("link", { name: /\/verify\?token=/ })
    .getAttribute("href");
  await page.goto(href ?? "");
  await expect(page.getByRole("heading", { name: "Already verified" })).toBeVisible();
});
