// The whole marketplace through the pages alone, as three people in three browsers do it:
// A posts a job; B finds it by a word of its description and offers, and so does C; A is told by
// mail, follows the mail's link and hires B; B sees the job is theirs and C sees theirs declined;
// A's phone number reaches B only then; A evaluates B; B's profile shows the rating in its
// histogram and B's offers show the job completed. Every page on the way is checked for
// accessibility at desktop and phone widths and photographed.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { checkPage } from "./page-checks.ts";
import { logIn, signUpVerifiedAndLoggedIn } from "./people.ts";

async function personInOwnBrowser(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  const person = await signUpVerifiedAndLoggedIn(page);
  return { page, person };
}

/** A word of letters only that no other job has, so full-text search finds this job alone. */
function uniqueWord() {
  const letters = Array.from(Date.now().toString(26), (digit) =>
    String.fromCharCode(97 + Number.parseInt(digit, 26)),
  ).join("");
  return `quokka${letters}`;
}

async function offerFromJobSearch(page: Page, word: string, jobName: string) {
  await page.goto("/jobs");
  await page.getByLabel("Search").fill(word);
  await page.getByRole("button", { name: "Search" }).click();
  const result = page.getByRole("listitem").filter({ hasText: jobName });
  await expect(result).toHaveCount(1);
  await result.getByRole("link", { name: jobName }).click();
  await expect(page.getByRole("heading", { level: 1, name: jobName })).toBeVisible();
  await page.getByRole("button", { name: "Offer to clean it" }).click();
  await expect(page.getByTestId("my-offer-status")).toContainText("pending");
}

test("A posts, B finds and offers, A hires B by mail's link and evaluates, B's profile and offers show it", async ({
  browser,
}, testInfo) => {
  const { page: a, person: owner } = await personInOwnBrowser(browser);
  const { page: b, person: cleaner } = await personInOwnBrowser(browser);
  const { page: c } = await personInOwnBrowser(browser);

  // A gives a phone number on their profile (reached from the account page), then posts a job.
  await a.goto("/account");
  await a.getByRole("main").getByRole("link", { name: "profile", exact: true }).click();
  await expect(a).toHaveURL(/\/account\/profile$/);
  await a.getByLabel("Phone number (optional)").fill("+1 555 0142");
  await a.getByRole("button", { name: "Save profile" }).click();
  await expect(a.getByText("Your profile is saved.")).toBeVisible();
  const word = uniqueWord();
  const jobName = "Greenhouse glass";
  await a.goto("/cleanings/new");
  await a.getByLabel("Name").fill(jobName);
  await a.getByLabel("Description (optional)").fill(`Forty panes and one ${word} vent.`);
  await a.getByLabel("Price (USD)").fill("65.5");
  await a.getByRole("button", { name: "Post cleaning" }).click();
  await expect(a.getByRole("heading", { level: 1, name: jobName })).toBeVisible();
  const jobPath = new URL(a.url()).pathname;

  // B and C find it by a word of its description and offer.
  await offerFromJobSearch(b, word, jobName);
  await checkPage(b, testInfo, "journey-job-offered");
  await offerFromJobSearch(c, word, jobName);

  // Before A hires anyone, B sees no phone number on A's profile.
  await b.goto(`/profiles/${owner.name}`);
  await expect(b.getByRole("heading", { name: owner.name })).toBeVisible();
  await expect(b.getByTestId("profile-phone")).toHaveCount(0);

  // A is told by mail and follows its link to the job's offers.
  const mail = a
    .locator("article.mail", { hasText: `To ${owner.email}` })
    .filter({ hasText: "A new offer for your cleaning job" })
    .first();
  await expect(async () => {
    await a.goto("/dev/mailbox");
    await expect(mail).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000 });
  await mail
    .getByRole("link", { name: new RegExp(`${jobPath}$`) })
    .first()
    .click();
  await expect(a).toHaveURL(new RegExp(`${jobPath}$`));
  const bRow = a.getByTestId(`offer-${cleaner.name}`);
  await expect(bRow).toContainText("Pending");
  await checkPage(a, testInfo, "journey-owner-offers");
  await bRow.getByRole("button", { name: `Accept ${cleaner.name}'s offer` }).click();
  await a.getByRole("button", { name: "Yes, hire" }).click();
  await expect(a.getByRole("heading", { name: "Who is doing it" })).toBeVisible();
  await expect(bRow).toContainText("Accepted");

  // B sees the job is theirs, C sees theirs declined, and A's phone number now reaches B.
  await b.goto(jobPath);
  await expect(b.getByTestId("my-offer-status")).toContainText("accepted");
  await c.goto(jobPath);
  await expect(c.getByTestId("my-offer-status")).toContainText("accepted another offer");
  await checkPage(c, testInfo, "journey-job-declined");
  await b.goto(`/profiles/${owner.name}`);
  await expect(b.getByTestId("profile-phone")).toHaveText("+1 555 0142");

  // A evaluates B: four stars overall.
  await a.reload();
  await a
    .getByRole("group", { name: "Overall rating" })
    .getByRole("radio", { name: "4 of 5 stars" })
    .check();
  await a.getByLabel("Headline (optional)").fill("Every pane shines");
  await a.getByRole("button", { name: "Save the evaluation" }).click();
  await expect(a.getByTestId("evaluation")).toContainText("Every pane shines");

  // B's profile shows the rating in its histogram; B's offers show the job completed.
  await b.goto(`/profiles/${cleaner.name}`);
  await expect(b.getByTestId("stars-4")).toHaveText("1");
  await expect(b.getByTestId("stars-5")).toHaveText("0");
  await checkPage(b, testInfo, "journey-cleaner-profile");
  await b.goto("/offers");
  const completed = b.getByRole("region", { name: /^Completed/ });
  await expect(completed.getByRole("link", { name: new RegExp(jobName) })).toHaveAttribute(
    "href",
    jobPath,
  );
  await checkPage(b, testInfo, "journey-my-offers");

  // The activity feed on A's home shows the job.
  await a.goto("/");
  await expect(
    a.getByRole("list", { name: "Latest activity" }).getByRole("link", { name: jobName }).first(),
  ).toBeVisible();
  await checkPage(a, testInfo, "journey-home-feed");
});

test("a logged-out visitor of any marketplace page logs in and comes back to it", async ({
  page,
}, testInfo) => {
  const person = await signUpVerifiedAndLoggedIn(page);
  await page.goto("/cleanings/new");
  await page.getByLabel("Name").fill("Cellar stairs");
  await page.getByLabel("Price (USD)").fill("20");
  await page.getByRole("button", { name: "Post cleaning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cellar stairs" })).toBeVisible();
  const jobPath = new URL(page.url()).pathname;

  const paths = [
    "/jobs?sort=price_asc",
    jobPath,
    `/profiles/${person.name}`,
    "/offers",
    "/cleanings",
  ];
  for (const path of paths) {
    await page.context().clearCookies();
    await page.goto(path);
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}`);
    await logIn(page, person, page.url());
    await expect(page).toHaveURL(path);
  }

  // The home page of a logged-out visitor says what Phresh is instead.
  await page.context().clearCookies();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /Phresh/ })).toBeVisible();
  await checkPage(page, testInfo, "landing");
  await page.goto("/signup");
  await checkPage(page, testInfo, "signup");
  await page.goto("/login");
  await checkPage(page, testInfo, "login");
});
