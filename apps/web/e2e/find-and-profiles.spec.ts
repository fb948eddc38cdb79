// Find jobs and profiles in the browser: searching by a word of a description, filters that live
// in the URL, the empty and invalid states, a profile's rating histogram after an evaluation,
// contact details only once an offer is accepted, editing one's profile, and log-in round trips.
// The offer, its acceptance and the evaluation go through the API (tRPC over HTTP, with each
// person's own session), as the job page's buttons are tested with that page.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { checkPage } from "./page-checks.ts";
import { logIn, signUpVerifiedAndLoggedIn } from "./people.ts";

/** A word no other job has, of letters only, so full-text search indexes it as one word. */
function uniqueWord() {
  const letters = Date.now()
    .toString(26)
    .split("")
    .map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 26)))
    .join("");
  return `zebra${letters}`;
}

/** Calls a tRPC procedure as the person logged in on `page`; answers its result. */
async function call(
  page: Page,
  baseURL: string | undefined,
  procedure: string,
  input: unknown,
): Promise<unknown> {
  const request: APIRequestContext = page.request;
  const response = await request.post(`/api/trpc/${procedure}`, {
    headers: { Origin: baseURL ?? "" },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: unknown } }).result.data;
}

async function postJob(page: Page, baseURL: string | undefined, description: string) {
  const job = (await call(page, baseURL, "cleanings.create", {
    name: "Attic and skylight",
    description,
    price: 42.5,
    cleaning_type: "full_clean",
  })) as { id: number };
  return job.id;
}

test("a job is found by a word of its description, and its filters and page live in the URL", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const owner = await signUpVerifiedAndLoggedIn(page);
  const word = uniqueWord();
  const jobId = await postJob(page, baseURL, `Dusty beams, one ${word} skylight.`);

  const cleanerContext = await browser.newContext();
  const cleaner = await cleanerContext.newPage();
  await signUpVerifiedAndLoggedIn(cleaner);

  // The form is a plain GET: the search lands in the URL.
  await cleaner.goto("/jobs");
  await cleaner.getByLabel("Search").fill(word);
  await cleaner.getByRole("button", { name: "Search" }).click();
  await expect(cleaner).toHaveURL(new RegExp(`/jobs\\?q=${word}&`));
  const result = cleaner.getByRole("listitem").filter({ hasText: "Attic and skylight" });
  await expect(result).toHaveCount(1);
  await expect(result.getByRole("link", { name: owner.name })).toHaveAttribute(
    "href",
    `/profiles/${owner.name}`,
  );
  await expect(result).toContainText("$42.50");
  await expect(result).toContainText("Full clean");
  await expect(result).toContainText("0 offers");

  await call(cleaner, baseURL, "offers.make", { cleaning_id: jobId });

  // A shared or reloaded search keeps its filters, and shows the cleaner's own offer.
  const filtered = `/jobs?q=${word}&type=full_clean&min_price=40&max_price=50&sort=price_asc`;
  await cleaner.goto(filtered);
  for (const attempt of ["first visit", "reload"]) {
    await expect(cleaner.getByLabel("Search"), attempt).toHaveValue(word);
    await expect(cleaner.getByLabel("Type")).toHaveValue("full_clean");
    await expect(cleaner.getByLabel("Min price ($)")).toHaveValue("40");
    await expect(cleaner.getByLabel("Max price ($)")).toHaveValue("50");
    await expect(cleaner.getByLabel("Sort")).toHaveValue("price_asc");
    await expect(result).toContainText("1 offer");
    await expect(result).toContainText("Your offer is pending");
    if (attempt === "first visit") await cleaner.reload();
  }
  await checkPage(cleaner, testInfo, "jobs-results");

  // An empty result says what to change.
  await cleaner.goto(`/jobs?q=${word}&type=dust_up`);
  await expect(cleaner.getByText("No open job matches this search.")).toBeVisible();
  await expect(cleaner.getByText(/use fewer or other words, or choose any type/)).toBeVisible();
  await checkPage(cleaner, testInfo, "jobs-empty");

  // Values the form would never send are explained, not a crash.
  await cleaner.goto("/jobs?min_price=abc");
  const problems = cleaner.getByRole("alert").filter({ hasText: "This search cannot run" });
  await expect(problems).toContainText("The min price “abc” is not a price");
  await cleaner.goto("/jobs?min_price=50&max_price=10");
  await expect(problems).toContainText("The max price is below the min price");
  await expect(cleaner.getByLabel("Max price ($)")).toHaveAttribute("aria-invalid", "true");
  await checkPage(cleaner, testInfo, "jobs-invalid");

  // Paging: 21 matching jobs make a full first page (20) and a second one, whose cursor is in
  // the URL like the filters.
  for (let number = 1; number <= 20; number++)
    await call(page, baseURL, "cleanings.create", {
      name: `Porch ${number}`,
      description: `A ${word} porch.`,
      price: number,
    });
  await cleaner.goto(`/jobs?q=${word}`);
  const jobNames = cleaner.getByRole("main").getByRole("heading", { level: 3 });
  await expect(jobNames).toHaveCount(20);
  await expect(jobNames.first()).toHaveText("Porch 20");
  await cleaner.getByRole("link", { name: "Next page" }).click();
  await expect(cleaner).toHaveURL(new RegExp(`/jobs\\?q=${word}&cursor=`));
  await cleaner.reload();
  await expect(jobNames).toHaveText(["Attic and skylight"]);
  await expect(cleaner.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await cleaner.getByRole("link", { name: "First page" }).click();
  await expect(jobNames).toHaveCount(20);
  await cleanerContext.close();
});

test("profiles: an edit with its preview, contact only after acceptance, and the rating histogram after an evaluation", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const owner = await signUpVerifiedAndLoggedIn(page);

  // The owner fills in their profile; the picture's preview follows the address typed.
  await page.goto("/account/profile");
  await expect(page).toHaveTitle("Edit your profile · Phresh");
  await page.getByLabel("Full name (optional)").fill("Ada Owner");
  await expect(page.getByRole("img", { name: "Ada Owner" })).toHaveText("AO");
  await page.getByLabel("Picture address (optional)").fill("not an address");
  await page.getByLabel("Picture address (optional)").press("Tab");
  await expect(page.getByText("Enter a full address starting with https://")).toBeVisible();
  const picture = `${baseURL}/icon.svg`;
  await page.getByLabel("Picture address (optional)").fill(picture);
  await expect(page.getByRole("img", { name: "Ada Owner" })).toHaveAttribute("src", picture);
  await page.getByLabel("Phone number (optional)").fill("+1 555 0100");
  await page.getByLabel("Bio (optional)").fill("I keep an attic full of boxes.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await checkPage(page, testInfo, "account-profile");
  await page.getByRole("link", { name: "See your public profile" }).click();
  await expect(page.getByRole("heading", { name: "Ada Owner" })).toBeVisible();
  await expect(page.getByTestId("profile-phone")).toHaveText("+1 555 0100");

  const jobId = await postJob(page, baseURL, "Beams and boxes.");
  const cleanerContext = await browser.newContext();
  const cleaner = await cleanerContext.newPage();
  const cleanerPerson = await signUpVerifiedAndLoggedIn(cleaner);

  // Before an accepted offer, the cleaner sees no contact details of the owner.
  await call(cleaner, baseURL, "offers.make", { cleaning_id: jobId });
  await cleaner.goto(`/profiles/${owner.name}`);
  await expect(cleaner.getByRole("heading", { name: "Ada Owner" })).toBeVisible();
  await expect(cleaner.getByText("I keep an attic full of boxes.")).toBeVisible();
  await expect(cleaner.getByTestId("profile-phone")).toHaveCount(0);
  await checkPage(cleaner, testInfo, "profile-of-other");

  await call(page, baseURL, "offers.accept", { cleaning_id: jobId, name: cleanerPerson.name });
  await cleaner.reload();
  await expect(cleaner.getByTestId("profile-phone")).toHaveText("+1 555 0100");

  // No evaluations yet: the histogram is there, all zeros.
  await page.goto(`/profiles/${cleanerPerson.name}`);
  await expect(page.getByText("No evaluations yet.").first()).toBeVisible();

  await call(page, baseURL, "evaluations.create", {
    name: cleanerPerson.name,
    cleaning_id: jobId,
    evaluation: {
      overall_rating: 5,
      professionalism: 4,
      completeness: 5,
      efficiency: 3,
      headline: "Spotless beams",
      comment: "Came on time, left no dust.",
      no_show: false,
    },
  });
  await page.reload();
  const histogram = page.getByRole("table", { name: "Evaluations by overall rating" });
  await expect(histogram.getByRole("row", { name: "5 stars 1" })).toBeVisible();
  await expect(histogram.getByRole("row", { name: "4 stars 0" })).toBeVisible();
  await expect(page.getByRole("img", { name: "5.0 out of 5 stars" })).toBeVisible();
  await expect(page.getByText("Professionalism").first()).toBeVisible();
  await expect(page.getByText("1 evaluation · 0 no-shows")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Spotless beams/ })).toBeVisible();
  await checkPage(page, testInfo, "profile-rated");

  // The cleaner sees the same on their own profile, with a way to edit it.
  await cleaner.goto(`/profiles/${cleanerPerson.name}`);
  await expect(cleaner.getByTestId("stars-5")).toHaveText("1");
  await expect(cleaner.getByRole("link", { name: "Edit your profile" })).toBeVisible();

  // An unknown name is the not-found page.
  await cleaner.goto("/profiles/nobody_by_this_name");
  await expect(cleaner.getByRole("heading", { name: "Not found" })).toBeVisible();
  await cleanerContext.close();
});

test("a logged-out visitor of these pages logs in and comes back to the same page", async ({
  page,
}, testInfo) => {
  const person = await signUpVerifiedAndLoggedIn(page);
  const pages = [
    {
      path: "/jobs?q=attic&type=dust_up",
      ready: () => expect(page.getByLabel("Search")).toHaveValue("attic"),
    },
    {
      path: `/profiles/${person.name}`,
      ready: () => expect(page.getByRole("heading", { name: person.name })).toBeVisible(),
    },
    {
      path: "/account/profile",
      ready: () => expect(page.getByRole("heading", { name: "Edit your profile" })).toBeVisible(),
    },
  ];
  for (const { path, ready } of pages) {
    await page.context().clearCookies();
    await page.goto(path);
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}`);
    if (path === "/jobs?q=attic&type=dust_up") await checkPage(page, testInfo, "login-from-jobs");
    await logIn(page, person, page.url());
    await expect(page).toHaveURL(path);
    await ready();
  }
});
