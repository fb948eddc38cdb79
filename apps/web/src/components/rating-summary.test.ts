import type { EvaluationAggregate } from "@phresh/api/schemas";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RatingSummary } from "./rating-summary.tsx";

const noEvaluations: EvaluationAggregate = {
  avg_professionalism: null,
  avg_completeness: null,
  avg_efficiency: null,
  avg_overall_rating: null,
  min_overall_rating: null,
  max_overall_rating: null,
  one_stars: 0,
  two_stars: 0,
  three_stars: 0,
  four_stars: 0,
  five_stars: 0,
  total_evaluations: 0,
  total_no_show: 0,
};

const render = (summary: EvaluationAggregate) =>
  renderToStaticMarkup(createElement(RatingSummary, { summary }));

/** Each histogram row as "<label>|<bar width>|<count>". */
function rows(html: string) {
  return [
    ...html.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>.*?width:([\d.]+)%.*?>(\d+)<\/span>/g),
  ].map((match) => `${match[1]}|${match[2]}|${match[3]}`);
}

describe("a cleaner's rating summary", () => {
  it("draws each star count as a share of the largest one, 5 stars first", () => {
    const html = render({
      ...noEvaluations,
      avg_overall_rating: 4.25,
      five_stars: 2,
      four_stars: 1,
      one_stars: 1,
      total_evaluations: 4,
    });
    expect(rows(html)).toEqual([
      "5 stars|100|2",
      "4 stars|50|1",
      "3 stars|0|0",
      "2 stars|0|0",
      "1 star|50|1",
    ]);
    expect(html).toContain('aria-label="4.3 out of 5 stars"');
    expect(html).toContain("4 evaluations · 0 no-shows");
  });

  it("says nobody rated yet, with empty bars rather than a division by zero", () => {
    const html = render(noEvaluations);
    expect(rows(html)).toEqual([
      "5 stars|0|0",
      "4 stars|0|0",
      "3 stars|0|0",
      "2 stars|0|0",
      "1 star|0|0",
    ]);
    expect(html).toContain("No evaluations yet.");
    expect(html.match(/Not rated yet/g)).toHaveLength(4);
  });

  it("counts in the singular for one evaluation and one no-show", () => {
    const html = render({
      ...noEvaluations,
      avg_overall_rating: 0,
      total_evaluations: 1,
      total_no_show: 1,
    });
    expect(html).toContain("1 evaluation · 1 no-show");
  });
});
