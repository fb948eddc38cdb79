// What every marketplace page is held to in the browser: no serious or critical accessibility
// violation (axe-core), at desktop width and at a phone's 390 px, with no sideways scrolling;
// and a screenshot at each width, attached to the test as an artifact for a reviewer to look at.
import { expect, type Page, type TestInfo } from "@playwright/test";
import axe, { type AxeResults } from "axe-core";

export const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/** Axe's findings that a person would be blocked by; minor and moderate ones are not counted. */
export async function blockingViolations(page: Page) {
  // axe-core is put into the page once per document and run there. @axe-core/playwright's
  // AxeBuilder injects it again for every check: 0.55–0.76 s of each 1.2–1.4 s check, measured,
  // for two checks on each of forty pages a run. Our pages have no frames for it to visit.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (): Promise<AxeResults> =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        resultTypes: ["violations"],
      }),
  );
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}

/**
 * Checks the page as it is now at both widths and saves `<name>-desktop.png` and
 * `<name>-phone.png` in the test's output folder (`test-results/`), attached to the test so the
 * HTML report (`playwright-report/`) shows them. Leaves the page at desktop width.
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  for (const [label, size] of Object.entries(widths)) {
    await page.setViewportSize(size);
    // A page refreshed in place (router.refresh) streams its <title> back in after the body.
    await expect(page).toHaveTitle(/\S/);
    expect(await blockingViolations(page), `${name} at ${label} width`).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways at ${label} width`).toBeLessThanOrEqual(0);
    const file = testInfo.outputPath(`${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${label}.png`, { path: file, contentType: "image/png" });
  }
  await page.setViewportSize(widths.desktop);
}
