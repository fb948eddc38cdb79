// A cleaning job's page between two people in two browsers: A posts, B offers (and rescinds, and
// offers again), A accepts and sees B's rating, B sees it accepted, A evaluates B with the
// keyboard alone; on a second job B cancels after acceptance. Contact details cross only after
// acceptance; price and type are locked while someone is hired. Every state is checked for
// accessibility and sideways scrolling, and photographed.
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { checkPage } from "./page-checks.ts";
import { signUpVerifiedAndLoggedIn } from "./people.ts";

async function personInOwnBrowser(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  const person = await signUpVerifiedAndLoggedIn(page);
  return { page, person };
}

/** Profile editing has its own page and tests; here a phone number is set through the API. */
async function setPhone(request: APIRequestContext, baseURL: string, phone: string) {
  const answer = await request.put(`${baseURL}/api/profiles/me`, {
    headers: { Origin: baseURL, "Content-Type": "application/json" },
    data: { profile_update: { phone_number: phone } },
  });
  expect(answer.status()).toBe(200);
}

async function phoneSeenBy(request: APIRequestContext, baseURL: string, name: string) {
  const answer = await request.get(`${baseURL}/api/profiles/${name}`);
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { phone_number?: string | null }).phone_number;
}

async function postJob(page: Page, name: string, price: string) {
  await page.goto("/cleanings/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Price (USD)").fill(price);
  await page.getByRole("button", { name: "Post cleaning" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url();
}

const offerStatus = (page: Page) => page.getByTestId("my-offer-status");

test("A posts, B offers, A accepts and evaluates B by keyboard; B cancels another job", async ({
  browser,
  baseURL,
}, testInfo) => {
  const base = baseURL ?? "";
  const { page: a, person: owner } = await personInOwnBrowser(browser);
  const { page: b, person: cleaner } = await personInOwnBrowser(browser);
  await setPhone(a.request, base, "+1 555 0199");
  await setPhone(b.request, base, "+1 555 0100");

  // A posts a job without a description: no "Description: None", the tab shows its name.
  const jobUrl = await postJob(a, "Window wash on Elm", "40");
  await expect(a).toHaveTitle("Window wash on Elm · Phresh");
  await expect(a.getByText("Description")).toHaveCount(0);
  await expect(a.getByText("None", { exact: true })).toHaveCount(0);
  await expect(a.getByText(/No offers yet/)).toBeVisible();
  await checkPage(a, testInfo, "job-owner-no-offers");

  // B offers, rescinds (after first changing their mind), and offers again.
  await b.goto(jobUrl);
  await expect(b).toHaveTitle("Window wash on Elm · Phresh");
  await expect(b.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await checkPage(b, testInfo, "job-visitor-no-offer");
  await b.getByRole("button", { name: "Offer to clean it" }).click();
  await expect(offerStatus(b)).toContainText("pending");
  await checkPage(b, testInfo, "job-visitor-pending");
  await b.getByRole("button", { name: "Rescind my offer" }).click();
  await expect(b.getByText("Withdraw your offer?")).toBeFocused();
  await b.getByRole("button", { name: "Keep my offer" }).click();
  await expect(b.getByRole("button", { name: "Rescind my offer" })).toBeFocused();
  await expect(offerStatus(b)).toContainText("pending");
  await b.getByRole("button", { name: "Rescind my offer" }).click();
  await b.getByRole("button", { name: "Yes, rescind it" }).click();
  await b.getByRole("button", { name: "Offer to clean it" }).click();
  await expect(offerStatus(b)).toContainText("pending");

  // Before acceptance neither sees the other's phone number.
  expect(await phoneSeenBy(b.request, base, owner.name)).toBeUndefined();
  await a.reload();
  const bRow = a.getByTestId(`offer-${cleaner.name}`);
  await expect(bRow).toContainText("No evaluations yet");
  await expect(bRow).toContainText("Pending");
  await expect(bRow.getByRole("link", { name: cleaner.name })).toHaveAttribute(
    "href",
    `/profiles/${cleaner.name}`,
  );
  await expect(a.getByTestId("hired-contact")).toHaveCount(0);
  await checkPage(a, testInfo, "job-owner-pending-offer");

  // A accepts, confirming in place; B's contact details appear, and A's for B.
  await bRow.getByRole("button", { name: `Accept ${cleaner.name}'s offer` }).click();
  await a.getByRole("button", { name: "Yes, hire" }).click();
  await expect(a.getByRole("heading", { name: "Who is doing it" })).toBeVisible();
  await expect(bRow).toContainText("Accepted");
  await expect(a.getByTestId("hired-contact")).toContainText("+1 555 0100");
  await expect(a.getByTestId("deal-locked")).toBeVisible();
  await checkPage(a, testInfo, "job-owner-accepted");
  expect(await phoneSeenBy(b.request, base, owner.name)).toBe("+1 555 0199");
  await b.reload();
  await expect(offerStatus(b)).toContainText("accepted");
  await expect(b.getByRole("button", { name: "Cancel the job" })).toBeVisible();
  await checkPage(b, testInfo, "job-visitor-accepted");

  // While B is hired, the price and type cannot change; the name still can, and saving says so.
  await a.getByRole("link", { name: "Edit" }).click();
  await expect(a.getByText("The price and type are locked")).toBeVisible();
  await expect(a.getByLabel("Price (USD)")).toBeDisabled();
  await expect(a.getByLabel("Type")).toBeDisabled();
  await a.getByLabel("Name").fill("Window wash on Elm Street");
  await a.getByRole("button", { name: "Save changes" }).click();
  await expect(a.getByText("Your changes are saved.")).toBeVisible();
  await expect(a).toHaveTitle("Window wash on Elm Street · Phresh");

  // A evaluates B with the keyboard alone: arrows choose within a rating, Tab moves on.
  const overall = a.getByRole("group", { name: "Overall rating" });
  await overall.getByRole("radio").first().focus();
  for (let step = 0; step < 4; step++) await a.keyboard.press("ArrowRight");
  const fourStars = overall.getByRole("radio", { name: "4 of 5 stars" });
  await expect(fourStars).toBeChecked();
  await expect(fourStars).toBeFocused();
  // The focused option is outlined, so a keyboard user sees where they are.
  await expect(
    overall.locator("label").filter({ has: a.getByRole("radio", { name: "4 of 5 stars" }) }),
  ).toHaveCSS("outline-style", "solid");
  await a.keyboard.press("Tab"); // professionalism, on "Not rated"
  for (let step = 0; step < 6; step++) await a.keyboard.press("ArrowRight");
  await expect(
    a.getByRole("group", { name: /Professionalism/ }).getByRole("radio", { name: "5 of 5 stars" }),
  ).toBeChecked();
  await a.keyboard.press("Tab"); // completeness: left unrated
  await a.keyboard.press("Tab"); // efficiency: left unrated
  await a.keyboard.press("Tab");
  await expect(a.getByLabel("Headline (optional)")).toBeFocused();
  await a.keyboard.type("Spotless windows");
  await a.keyboard.press("Tab");
  await a.keyboard.type("Quick and careful.");
  await checkPage(a, testInfo, "job-owner-evaluating");
  await a.getByLabel("Comment (optional)").focus();
  await a.keyboard.press("Tab"); // the no-show box
  await a.keyboard.press("Tab");
  await expect(a.getByRole("button", { name: "Save the evaluation" })).toBeFocused();
  await a.keyboard.press("Enter");
  const evaluation = a.getByTestId("evaluation");
  await expect(evaluation).toContainText("Spotless windows");
  await expect(evaluation.getByRole("img", { name: "4 of 5 stars" })).toBeVisible();
  await expect(bRow).toContainText("Done and evaluated");
  await checkPage(a, testInfo, "job-owner-evaluated");
  await b.reload();
  await expect(offerStatus(b)).toContainText("evaluated");
  await checkPage(b, testInfo, "job-visitor-completed");

  // A second job: B is accepted, then cancels, confirming in place; A sees B's new rating.
  const porchUrl = await postJob(a, "Porch sweep", "15");
  await b.goto(porchUrl);
  await b.getByRole("button", { name: "Offer to clean it" }).click();
  await expect(offerStatus(b)).toContainText("pending");
  await a.reload();
  const porchRow = a.getByTestId(`offer-${cleaner.name}`);
  await expect(porchRow).toContainText("4.0 of 5 stars, 1 evaluation");
  await porchRow.getByRole("button", { name: `Accept ${cleaner.name}'s offer` }).click();
  await a.getByRole("button", { name: "Yes, hire" }).click();
  await expect(a.getByRole("heading", { name: "Who is doing it" })).toBeVisible();
  await b.reload();
  await b.getByRole("button", { name: "Cancel the job" }).click();
  await b.getByRole("button", { name: "Keep the job" }).click();
  await expect(offerStatus(b)).toContainText("accepted");
  await b.getByRole("button", { name: "Cancel the job" }).click();
  await b.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(offerStatus(b)).toContainText("You cancelled");
  await expect(b.getByRole("button", { name: "Offer to clean it" })).toHaveCount(0);
  await a.reload();
  await expect(porchRow).toContainText("Cancelled by them");
  await expect(a.getByRole("heading", { name: "Who is doing it" })).toHaveCount(0);
  await expect(a.getByTestId("deal-locked")).toHaveCount(0);

  // Deleting lands on My cleanings, told that it is gone.
  await a.getByRole("button", { name: "Delete" }).click();
  await a.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(a).toHaveURL(/\/cleanings\?deleted=1$/);
  await expect(
    a.getByRole("status").filter({ hasText: "The cleaning was deleted." }),
  ).toBeVisible();
  await expect(a.getByRole("link", { name: "Porch sweep" })).toHaveCount(0);
});
