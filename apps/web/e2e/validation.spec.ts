import { expect, test } from "@playwright/test";
import { newPerson, signUp } from "./people.ts";

test("sign-up shows each legacy rule as it is typed and enforces it", async ({ page }) => {
  await page.goto("/signup");
  const email = page.getByLabel("E-mail address");
  const name = page.getByLabel("Name");
  const password = page.getByLabel("Password", { exact: true });

  await email.fill("invalid_email@one@two.io");
  await email.blur();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();

  await name.fill("sha");
  await name.blur();
  await expect(page.getByText("Name must be at least 4 characters.")).toBeVisible();
  await name.fill("shakira@#$%^<>");
  await expect(page.getByText("Name may contain only letters, digits, _ and -.")).toBeVisible();
  await name.fill("a".repeat(28));
  await expect(page.getByText("Name must be at most 20 characters.")).toBeVisible();

  const rule = (id: string) => page.locator(`.checklist li[data-rule="${id}"]`);
  await password.fill("pattern@");
  await expect(rule("special")).toHaveAttribute("data-met", "true");
  await expect(rule("letter")).toHaveAttribute("data-met", "true");
  await expect(rule("digit")).toHaveAttribute("data-met", "false");
  await expect(rule("length")).toHaveAttribute("data-met", "false");
  await password.fill("pattern@12");
  for (const id of ["length", "letter", "digit", "special"])
    await expect(rule(id)).toHaveAttribute("data-met", "true");
  await expect(page.getByTestId("password-strength")).not.toHaveText("");

  // Submitting with a broken rule sends nothing and says why
  await password.fill("abcdefghij");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(
    page.getByText(
      "Password must have at least one digit, at least one special character (not a letter or digit).",
    ),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Check your mailbox" })).toHaveCount(0);
});

test("the server's refusals appear on the right field", async ({ page }) => {
  const first = newPerson();
  await signUp(page, first);
  await page.goto("/signup");
  await page.getByLabel("E-mail address").fill(first.email.toUpperCase());
  await page.getByLabel("Name").fill(newPerson().name);
  await page.getByLabel("Password", { exact: true }).fill("Another-pass-1");
  await page.getByRole("button", { name: "Sign up" }).click();
  const emailField = page.locator(".field", { has: page.getByLabel("E-mail address") });
  await expect(
    emailField.getByText("An account with this e-mail address already exists."),
  ).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("E-mail address").fill(newPerson().email);
  await page.getByLabel("Name").fill(first.name.toUpperCase());
  await page.getByRole("button", { name: "Sign up" }).click();
  const nameField = page.locator(".field", { has: page.getByLabel("Name") });
  await expect(nameField.getByText("This name is taken; choose another.")).toBeVisible();
});

test("log-in explains wrong credentials and unverified accounts, and offers a new link", async ({
  page,
}) => {
  const person = newPerson();
  await signUp(page, person);
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(person.email);
  await page.getByLabel("Password").fill("Wrong-password-1");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Wrong e-mail address or password.")).toBeVisible();
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Your e-mail address is not verified yet")).toBeVisible();
  await page.getByRole("button", { name: "Resend the verification mail" }).click();
  await expect(page.getByText("a new link is on its way")).toBeVisible();
});

test("the pages fit a 375 px wide screen and work from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ["/", "/signup", "/login", "/forgot-password"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("E-mail address").focus();
  await page.keyboard.type("nobody@example.com");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Whatever-1234");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Wrong e-mail address or password.")).toBeVisible();
});

test("forgot-password puts the server's verdict on a malformed address on the field", async ({
  page,
}) => {
  await page.goto("/forgot-password");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
});

test("pages run under the nonce policy: no script is blocked, lazy chunks included", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/signup");
  // Focusing a field fetches zod, typing a password the strength meter: both load more scripts.
  await page.getByLabel("E-mail address").fill("invalid_email@one@two.io");
  await page.getByLabel("E-mail address").blur();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("pattern@12");
  await expect(page.getByTestId("password-strength")).not.toHaveText("");
  expect(violations).toEqual([]);
});
