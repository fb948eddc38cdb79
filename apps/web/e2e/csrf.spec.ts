import { expect, test } from "@playwright/test";
import { signUpVerifiedAndLoggedIn } from "./people.ts";

test("a cross-origin POST carrying the session cookie is refused", async ({ page, baseURL }) => {
  await signUpVerifiedAndLoggedIn(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === "phresh_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  // page.request shares the browser context's cookies.
  const forged = await page.request.post(`${baseURL}/api/trpc/cleanings.create`, {
    headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
    data: { name: "Forged", price: 1 },
  });
  expect(forged.status()).toBe(403);
  const legit = await page.request.post(`${baseURL}/api/trpc/cleanings.create`, {
    headers: { Origin: baseURL ?? "", "Content-Type": "application/json" },
    data: { name: "Mine", price: 1 },
  });
  expect(legit.status()).toBe(200);
  await page.goto("/cleanings");
  await expect(page.getByRole("link", { name: "Mine" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Forged" })).toHaveCount(0);
  // The token never reaches page scripts.
  expect(await page.evaluate(() => document.cookie)).not.toContain("phresh_session");
});
