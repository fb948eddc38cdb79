// Find jobs: open cleanings of others, searched and filtered through `jobs.search`. A server
// component reading its search from the URL, with a plain GET form, so a search can be shared
// and reloaded and the page works without JavaScript.
import { cleaningTypeLabels, cleaningTypes, jobSorts } from "@phresh/api/schemas";
import type { Metadata } from "next";
import Link from "next/link";
import { requireVerifiedUser, serverCaller } from "@/server/session.ts";
import { JobResults } from "./job-results.tsx";
import styles from "./jobs.module.css";
import {
  type FilterProblem,
  type JobFilters,
  jobSortLabels,
  jobsHref,
  type PageSearchParams,
  parseSearch,
  readFilters,
} from "./search-params.ts";

export const metadata: Metadata = { title: "Find jobs" };

/** The list of what is wrong with the search, which each wrong field points to. */
const PROBLEMS_ID = "jobs-problems";

type Props = { searchParams: Promise<PageSearchParams> };

export default async function FindJobsPage({ searchParams }: Props) {
  const filters = readFilters(await searchParams);
  await requireVerifiedUser(jobsHref(filters, filters.cursor));
  const search = parseSearch(filters);
  const page = search.ok ? await (await serverCaller()).jobs.search(search.input) : undefined;
  return (
    <section>
      <h1>Find jobs</h1>
      <SearchForm filters={filters} problems={search.ok ? [] : search.problems} />
      {search.ok ? null : (
        <div id={PROBLEMS_ID} className={styles.problems} role="alert">
          <p>This search cannot run:</p>
          <ul>
            {search.problems.map((problem) => (
              <li key={problem.field}>{problem.message}</li>
            ))}
          </ul>
          <p>
            Fix the fields above, or <Link href="/jobs">start a new search</Link>.
          </p>
        </div>
      )}
      {page ? <JobResults page={page} filters={filters} /> : null}
    </section>
  );
}

function SearchForm({ filters, problems }: { filters: JobFilters; problems: FilterProblem[] }) {
  /** A wrong field is marked so, and described by the list of problems below the form. */
  const invalid = (field: keyof JobFilters) =>
    problems.some((problem) => problem.field === field)
      ? { "aria-invalid": true, "aria-describedby": PROBLEMS_ID }
      : {};
  return (
    <search>
      <form className={styles.form} method="get" action="/jobs">
        <div className={`field ${styles.query}`}>
          <label htmlFor="jobs-q">Search</label>
          <input
            id="jobs-q"
            name="q"
            type="search"
            defaultValue={filters.q}
            placeholder="Words of a job's name or description"
            {...invalid("q")}
          />
        </div>
        <div className="field">
          <label htmlFor="jobs-type">Type</label>
          <select id="jobs-type" name="type" defaultValue={filters.type} {...invalid("type")}>
            <option value="">Any type</option>
            {cleaningTypes.map((type) => (
              <option key={type} value={type}>
                {cleaningTypeLabels[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="jobs-min-price">Min price ($)</label>
          <input
            id="jobs-min-price"
            name="min_price"
            inputMode="decimal"
            defaultValue={filters.min_price}
            {...invalid("min_price")}
          />
        </div>
        <div className="field">
          <label htmlFor="jobs-max-price">Max price ($)</label>
          <input
            id="jobs-max-price"
            name="max_price"
            inputMode="decimal"
            defaultValue={filters.max_price}
            {...invalid("max_price")}
          />
        </div>
        <div className="field">
          <label htmlFor="jobs-sort">Sort</label>
          <select
            id="jobs-sort"
            name="sort"
            defaultValue={filters.sort || "newest"}
            {...invalid("sort")}
          >
            {jobSorts.map((sort) => (
              <option key={sort} value={sort}>
                {jobSortLabels[sort]}
              </option>
            ))}
          </select>
        </div>
        <div className={`actions ${styles.buttons}`}>
          <button type="submit">Search</button>
          <Link className="button secondary" href="/jobs">
            Clear
          </Link>
        </div>
      </form>
    </search>
  );
}
