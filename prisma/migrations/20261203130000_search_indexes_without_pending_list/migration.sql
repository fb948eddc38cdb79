-- A GIN index's "fast update" puts new entries in a pending list that every search through the
-- index reads whole, until a vacuum (or the list passing gin_pending_list_limit, 4 MB) merges it.
-- The embedded database has no autovacuum, and on PostgreSQL autovacuum comes after a fifth of
-- the table was inserted. Measured with pgbench on the bench's 100,000 cleanings (the jobs
-- search, prepared, 2 clients): 4,400-5,400 searches/s with an empty list, 2,340-2,560 after
-- 15,000 new cleanings (74 pending pages), 590 after 90,000 (442 pages). Without the list, a new
-- cleaning goes into the index itself: the searches stay at 4,480-5,040/s, and single inserts cost
-- no measurable throughput (4,320-5,150 against 4,490-4,560 inserts/s); a bulk load of 100,000
-- rows takes 7.5-8.5 s instead of 3.1-3.8.
-- What is already pending is merged first: turning fast update off keeps it, and the ALTERs'
-- exclusive locks are then held only until the commit, not through the merge.
SELECT gin_clean_pending_list('"cleanings_search"'::regclass);
SELECT gin_clean_pending_list('"cleanings_search_dust_up"'::regclass);
SELECT gin_clean_pending_list('"cleanings_search_spot_clean"'::regclass);
SELECT gin_clean_pending_list('"cleanings_search_full_clean"'::regclass);
ALTER INDEX "cleanings_search" SET (fastupdate = off);
ALTER INDEX "cleanings_search_dust_up" SET (fastupdate = off);
ALTER INDEX "cleanings_search_spot_clean" SET (fastupdate = off);
ALTER INDEX "cleanings_search_full_clean" SET (fastupdate = off);
