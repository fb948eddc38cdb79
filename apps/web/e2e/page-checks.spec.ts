import { expect, test } from "@playwright/test";
import { blockingViolations } from "./page-checks.ts";

test("the accessibility check finds a nameless button and an image without a text", async ({
  page,
}) => {
  await page.goto("/");
  expect(await blockingViolations(page)).toEqual([]);
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img src="/x.png"><button></button>'),
  );
  // The page keeps the axe-core it was given for the first check: this one finds what changed.
  expect((await blockingViolations(page)).map((violation) => violation.rule).sort()).toEqual([
    "button-name",
    "image-alt",
  ]);
});
