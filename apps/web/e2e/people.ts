// What a person does again and again in these journeys, through the pages only.
import { expect, type Page } from "@playwright/test";

let counter = 0;

export function newPerson() {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    email: `person.${tag}@example.com`,
    name: `p_${tag}`.slice(0, 20),
    password: `Fresh-start-${counter}x`,
  };
}

/** Opens the newest mail to `email` in the development mailbox and follows its link. */
export async function followMailedLink(
  page: Page,
  email: string,
  linkPath: "/verify" | "/reset-password",
) {
  const mail = page
    .locator("article.mail", { hasText: `To ${email}` })
    .filter({ hasText: linkPath })
    .first();
  // Some mails are sent just after the answer (so its timing reveals nothing): look again until it is there.
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000 });
  const href = await mail
    .getByRole("link", { name: new RegExp(`${linkPath}\\?token=`) })
    .getAttribute("href");
  expect(href).toBeTruthy();
  await mail.getByRole("link", { name: new RegExp(`${linkPath}\\?token=`) }).click();
  return href ?? "";
}

export async function signUp(page: Page, person: ReturnType<typeof newPerson>) {
  await page.goto("/signup");
  await page.getByLabel("E-mail address").fill(person.email);
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Check your mailbox" })).toBeVisible();
}

export async function logIn(
  page: Page,
  person: { email: string; password: string },
  path = "/login",
) {
  await page.goto(path);
  await page.getByLabel("E-mail address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Sign-up, verification through the mailbox, log-in: ends on the cleanings page. */
export async function signUpVerifiedAndLoggedIn(page: Page) {
  const person = newPerson();
  await signUp(page, person);
  await followMailedLink(page, person.email, "/verify");
  await expect(page.getByRole("heading", { name: "Your address is verified" })).toBeVisible();
  await logIn(page, person);
  await expect(page.getByRole("heading", { name: "My cleanings" })).toBeVisible();
  return person;
}
