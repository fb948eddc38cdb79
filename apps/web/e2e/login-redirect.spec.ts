// `/login?next=…` is a link anyone can craft: after logging in, the browser must stay on the site.
import { expect, test } from "@playwright/test";
import { logIn, signUpVerifiedAndLoggedIn } from "./people.ts";

const hostile = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0D/evil.example",
  "/%00/evil.example",
  "/%5C/evil.example",
  "/%5Cevil.example",
  "//evil.example",
  "/.//evil.example",
];

test("log-in never sends the browser off the site, logged out or in", async ({ page, baseURL }) => {
  // `.example` names never resolve; requests a page itself makes there are refused outright.
  await page.context().route(
    (url) => url.hostname === "evil.example",
    (route) => route.abort(),
  );
  const person = await signUpVerifiedAndLoggedIn(page);
  const landed = `${baseURL}/cleanings`;

  for (const next of hostile) {
    // Logged in: the page redirects at once.
    await page.goto(`/login?next=${next}`);
    await expect(page).toHaveURL(landed);

    // Logged out: the form sends the browser on after logging in.
    await page.context().clearCookies();
    await logIn(page, person, `/login?next=${next}`);
    await expect(page.getByRole("heading", { name: "My cleanings" })).toBeVisible();
    await expect(page).toHaveURL(landed);
  }

  // A path of the site is still followed.
  await page.context().clearCookies();
  await logIn(page, person, "/login?next=%2Faccount");
  await expect(page).toHaveURL(`${baseURL}/account`);
});
