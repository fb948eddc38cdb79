import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>There is nothing here. It may have been deleted, or the address is mistyped.</p>
      <p>
        <a href="/cleanings">Back to my cleanings</a>
      </p>
    </section>
  );
}
