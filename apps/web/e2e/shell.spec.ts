// The frame around every page (header menu, log-out from anywhere), the home page (landing for
// visitors, activity feed once logged in), "My offers", and the empty states that explain.
import { expect, type Page, test } from "@playwright/test";
import { checkPage } from "./page-checks.ts";
import { signUpVerifiedAndLoggedIn } from "./people.ts";
import { siteMenuButton } from "./site-menu.ts";

/**
 * One tRPC call over HTTP with the page's session, as the browser's own client makes it: for
 * the setup that another person's pages would do (offers, acceptance, evaluation).
 */
async function call<Answer = unknown>(page: Page, procedure: string, input: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}/api/trpc/${procedure}`, {
    headers: { Origin: origin, "Content-Type": "application/json" },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: Answer } }).result.data;
}

/** A relative time of a moment ago, on a machine of any speed. */
const recently = /^(just now|\d+ minutes? ago)$/;

const groupTitles = {
  accepted: /^Accepted: yours to do/,
  pending: /^Waiting for an answer/,
  completed: /^Completed/,
  rejected: /^Rejected/,
  cancelled: /^Cancelled/,
};

const postCleaning = (page: Page, name: string, price = 40) =>
  call<{ id: number }>(page, "cleanings.create", { name, price, cleaning_type: "spot_clean" });

test("a visitor learns what Phresh is; private pages send them to log in", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /Phresh/ })).toBeVisible();
  await expect(page.getByText("Post the job with your price")).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Sign up" })).toBeVisible();
  await expect(siteMenuButton(page)).toHaveCount(0);
  await checkPage(page, testInfo, "landing");
  for (const [path, name] of [
    ["/signup", "signup"],
    ["/login", "login"],
    ["/forgot-password", "forgot-password"],
    ["/verify", "verify-without-token"],
    ["/reset-password", "reset-password-without-token"],
  ] as const) {
    await page.goto(path);
    await checkPage(page, testInfo, name);
  }
  await page.goto("/offers");
  await expect(page).toHaveURL(/\/login\?next=%2Foffers$/);
});

test("the header menu works from the keyboard alone, and logs out from any page", async ({
  page,
}, testInfo) => {
  const person = await signUpVerifiedAndLoggedIn(page);
  // The empty "my cleanings" says what a cleaning is and offers to post one.
  await expect(page.getByText("A cleaning is a job you want done")).toBeVisible();
  await expect(page.getByRole("link", { name: "Post your first cleaning" })).toHaveAttribute(
    "href",
    "/cleanings/new",
  );
  await checkPage(page, testInfo, "cleanings-empty");

  await page.goto("/account");
  // The account's forms check a new name with the server's rules (zod, fetched on first use).
  const nameCard = page.getByRole("form", { name: "Change name" });
  await nameCard.getByLabel("Name").fill("ab");
  await nameCard.getByRole("button", { name: "Save" }).click();
  await expect(nameCard.getByText("Name must be at least 4 characters.")).toBeVisible();
  await expect(nameCard.getByText("Enter your current password.")).toBeVisible();
  await checkPage(page, testInfo, "account");
  // The account's cards (name, e-mail, password, sessions) share one width.
  const cardWidths = await page
    .locator(".cards > .card")
    .evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().width));
  expect(cardWidths).toHaveLength(4);
  expect(new Set(cardWidths).size).toBe(1);

  await page.goto("/offers");
  const menu = siteMenuButton(page);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const items = ["Profile", "My cleanings", "My offers", "Find jobs", "Account"];
  const header = page.getByRole("navigation", { name: "Main" });
  for (const name of items) {
    await page.keyboard.press("Tab");
    await expect(header.getByRole("link", { name, exact: true })).toBeFocused();
  }
  await expect(header.getByRole("link", { name: "Profile" })).toHaveAttribute(
    "href",
    `/profiles/${person.name}`,
  );
  await checkPage(page, testInfo, "header-menu-open");
  // Escape closes the menu and gives focus back to its button.
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(header.getByRole("link", { name: "Profile" })).toBeHidden();

  // Space opens it again; Log out is its last item.
  await page.keyboard.press("Space");
  for (const _ of items) await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Log out" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login\?logged_out=1$/);
  await expect(page.getByRole("status").filter({ hasText: "You are logged out." })).toBeVisible();
  await checkPage(page, testInfo, "login-logged-out");
  await page.goto("/offers");
  await expect(page).toHaveURL(/\/login\?next=%2Foffers$/);
});

test("the home page is the feed of posted and updated jobs, a page at a time", async ({
  page,
}, testInfo) => {
  const owner = await signUpVerifiedAndLoggedIn(page);
  await page.goto("/cleanings/new");
  // A field's message sits under its own input, closer to it than to the next field's label.
  await page.getByRole("button", { name: "Post cleaning" }).click();
  const nameInput = await page.getByLabel("Name").boundingBox();
  const nameMessage = await page.getByText("Give a name of 1 to 100 characters.").boundingBox();
  const nextLabel = await page.getByText("Description (optional)").boundingBox();
  if (!nameInput || !nameMessage || !nextLabel) throw new Error("the form is not laid out");
  const aboveMessage = nameMessage.y - (nameInput.y + nameInput.height);
  const belowMessage = nextLabel.y - (nameMessage.y + nameMessage.height);
  expect(aboveMessage).toBeGreaterThanOrEqual(0);
  expect(belowMessage).toBeGreaterThan(aboveMessage);
  await checkPage(page, testInfo, "cleaning-form-errors");

  await page.getByLabel("Name").fill("Windows of the old bakery");
  await page.getByLabel("Price (USD)").fill("12.5");
  await page.getByLabel("Price (USD)").blur();
  // The form shows money with its cents.
  await expect(page.getByLabel("Price (USD)")).toHaveValue("12.50");
  await page.getByRole("button", { name: "Post cleaning" }).click();
  await expect(page.getByRole("heading", { name: "Windows of the old bakery" })).toBeVisible();
  const bakeryPath = new URL(page.url()).pathname;

  // A full page of newer events (20, the feed's page size) pushes it onto the second page.
  const newer: { id: number }[] = [];
  for (let index = 1; index <= 19; index++)
    newer.push(await postCleaning(page, `Newer job ${index}`));
  const first = newer[0];
  if (!first) throw new Error("no job posted");
  await call(page, "cleanings.update", { id: first.id, patch: { price: 55 } });

  await page.goto("/cleanings");
  await expect(page.getByRole("link", { name: "Newer job 19" })).toBeVisible();
  await checkPage(page, testInfo, "cleanings");

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "What is new" })).toBeVisible();
  const feed = page.getByRole("list", { name: "Latest activity" });
  const entries = feed.getByRole("listitem");
  await expect(entries).toHaveCount(20);
  const updated = entries.first();
  await expect(updated).toContainText(`updated Newer job 1`);
  await expect(updated).toContainText("$55.00");
  await expect(updated.getByRole("link", { name: "Newer job 1" })).toHaveAttribute(
    "href",
    `/cleanings/${first.id}`,
  );
  await expect(updated.getByRole("link", { name: owner.name })).toHaveAttribute(
    "href",
    `/profiles/${owner.name}`,
  );
  await expect(updated.locator("time")).toHaveText(recently);
  await expect(updated.locator("time")).toHaveAttribute("dateTime", /^\d{4}-\d\d-\d\dT/);
  await expect(updated.locator("time")).toHaveAttribute("title", /UTC$/);
  await expect(feed.getByText("Windows of the old bakery")).toHaveCount(0);
  await checkPage(page, testInfo, "feed");

  await page.getByRole("button", { name: "Load more" }).click();
  const bakery = entries.filter({ hasText: "Windows of the old bakery" });
  await expect(bakery).toContainText(`${owner.name} posted Windows of the old bakery`);
  await expect(bakery).toContainText("$12.50 · Spot clean");
  await expect(bakery.getByRole("link", { name: "Windows of the old bakery" })).toHaveAttribute(
    "href",
    bakeryPath,
  );
});

test("'My offers' groups a cleaner's offers by what they mean to them", async ({
  page,
  browser,
}, testInfo) => {
  await signUpVerifiedAndLoggedIn(page);
  const jobs = {
    accepted: await postCleaning(page, "Offers: the garage", 80),
    pending: await postCleaning(page, "Offers: the porch", 30),
    completed: await postCleaning(page, "Offers: the kitchen", 60),
    rejected: await postCleaning(page, "Offers: the attic", 45),
    cancelled: await postCleaning(page, "Offers: the cellar", 25),
  };

  const cleanerContext = await browser.newContext();
  const cleaner = await cleanerContext.newPage();
  const cleanerPerson = await signUpVerifiedAndLoggedIn(cleaner);
  await cleaner.goto("/offers");
  await expect(cleaner.getByText("You have not offered to clean anything yet.")).toBeVisible();
  await expect(cleaner.getByRole("main").getByRole("link", { name: "Find jobs" })).toHaveAttribute(
    "href",
    "/jobs",
  );
  await checkPage(cleaner, testInfo, "offers-empty");

  const rivalContext = await browser.newContext();
  const rival = await rivalContext.newPage();
  const rivalPerson = await signUpVerifiedAndLoggedIn(rival);

  for (const job of Object.values(jobs))
    await call(cleaner, "offers.make", { cleaning_id: job.id });
  await call(rival, "offers.make", { cleaning_id: jobs.rejected.id });
  for (const job of [jobs.accepted, jobs.completed, jobs.cancelled])
    await call(page, "offers.accept", { cleaning_id: job.id, name: cleanerPerson.name });
  await call(page, "offers.accept", { cleaning_id: jobs.rejected.id, name: rivalPerson.name });
  await call(page, "evaluations.create", {
    cleaning_id: jobs.completed.id,
    name: cleanerPerson.name,
    evaluation: { overall_rating: 5 },
  });
  await call(cleaner, "offers.cancel", { cleaning_id: jobs.cancelled.id });

  await cleaner.goto("/offers");
  // What the cleaner must do first, then what awaits an answer, then what is behind them.
  await expect(cleaner.getByRole("heading", { level: 2 })).toHaveText([
    groupTitles.accepted,
    groupTitles.pending,
    groupTitles.completed,
    groupTitles.rejected,
    groupTitles.cancelled,
  ]);
  for (const [status, job] of Object.entries(jobs)) {
    const group = cleaner.getByRole("region", { name: groupTitles[status as keyof typeof jobs] });
    const link = group.getByRole("link");
    await expect(link).toHaveCount(1);
    await expect(link).toHaveAttribute("href", `/cleanings/${job.id}`);
  }
  await expect(cleaner.getByRole("region", { name: groupTitles.accepted })).toContainText(
    "$80.00 · Spot clean · offered",
  );
  await expect(
    cleaner.getByRole("region", { name: groupTitles.accepted }).locator("time"),
  ).toHaveText(recently);
  await checkPage(cleaner, testInfo, "offers");
  await cleanerContext.close();
  await rivalContext.close();
});
