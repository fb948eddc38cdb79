// How a rating is named, for the star input and for ratings shown on server-rendered pages.
// Ratings run 0–5, as in the marketplace contract (Q13).
export const MAX_STARS = 5;

export function starsLabel(rating: number) {
  return `${rating} of ${MAX_STARS} stars`;
}
