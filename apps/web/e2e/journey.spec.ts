import { expect, test } from "@playwright/test";
import { followMailedLink, logIn, newPerson, signUp, signUpVerifiedAndLoggedIn } from "./people.ts";
import { openSiteMenu } from "./site-menu.ts";

test("a newcomer signs up, verifies through the mailbox, logs in, manages a cleaning and logs out", async ({
  page,
}, testInfo) => {
  const person = newPerson();
  await page.goto("/signup");
  await expect(page).toHaveTitle("Sign up · Phresh");
  await page.screenshot({ path: testInfo.outputPath("signup.png"), fullPage: true });
  await signUp(page, person);

  await followMailedLink(page, person.email, "/verify");
  await expect(page.getByRole("heading", { name: "Your address is verified" })).toBeVisible();

  await page.goto("/login");
  await expect(page).toHaveTitle("Log in · Phresh");
  await page.screenshot({ path: testInfo.outputPath("login.png"), fullPage: true });
  await logIn(page, person);
  await expect(page.getByRole("heading", { name: "My cleanings" })).toBeVisible();
  await expect(page.getByText("You have not posted any cleaning yet.")).toBeVisible();

  // Create
  await page.getByRole("link", { name: "Post your first cleaning" }).click();
  await page.getByLabel("Name").fill("Spring clean of the attic");
  await page.getByLabel("Description (optional)").fill("Dusty boxes, one window.");
  await page.getByLabel("Price (USD)").fill("1234.5");
  await page.getByLabel("Type").selectOption("full_clean");
  await page.getByRole("button", { name: "Post cleaning" }).click();
  await expect(page.getByRole("heading", { name: "Spring clean of the attic" })).toBeVisible();
  await expect(page.getByTestId("cleaning-price")).toHaveText("$1,234.50");
  await expect(page.getByText("Full clean")).toBeVisible();

  // Edit
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Price (USD)").fill("99.99");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("cleaning-price")).toHaveText("$99.99");

  await page.goto("/cleanings");
  await expect(page.getByRole("cell", { name: "$99.99" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("cleanings.png"), fullPage: true });

  // Delete, with confirmation
  await page.getByRole("link", { name: "Spring clean of the attic" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page.getByRole("heading", { name: "My cleanings" })).toBeVisible();
  await expect(page.getByText("You have not posted any cleaning yet.")).toBeVisible();

  // Log out; private pages then send the visitor to log-in, and back afterwards
  await openSiteMenu(page);
  await page.getByRole("link", { name: "Account" }).click();
  // The account page's own button: the menu's Log out matches too until the menu closes.
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Log out", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?logged_out=1$/);
  await expect(page.getByText("You are logged out.")).toBeVisible();
  await page.goto("/cleanings/new");
  await expect(page).toHaveURL(/\/login\?next=%2Fcleanings%2Fnew$/);
  await logIn(page, person, page.url());
  await expect(page.getByRole("heading", { name: "Post a cleaning" })).toBeVisible();
});

test("a cleaning that does not exist, or is someone else's to edit, is a page, not a crash", async ({
  page,
  browser,
}) => {
  await signUpVerifiedAndLoggedIn(page);
  await page.goto("/cleanings/new");
  await page.getByLabel("Name").fill("Owner's porch");
  await page.getByLabel("Price (USD)").fill("10");
  await page.getByRole("button", { name: "Post cleaning" }).click();
  await expect(page.getByRole("heading", { name: "Owner's porch" })).toBeVisible();
  const cleaningUrl = page.url();

  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signUpVerifiedAndLoggedIn(stranger);
  await stranger.goto(`${cleaningUrl}/edit`);
  await expect(stranger.getByRole("heading", { name: "Not yours to edit" })).toBeVisible();
  await stranger.goto(cleaningUrl);
  await expect(stranger.getByRole("button", { name: "Delete" })).toHaveCount(0);
  for (const missing of ["/cleanings/999999", "/cleanings/not-a-number"]) {
    await stranger.goto(missing);
    await expect(stranger.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await strangerContext.close();
});
