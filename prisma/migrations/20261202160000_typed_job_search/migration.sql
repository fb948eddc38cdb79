-- A jobs search with a type (GET /api/jobs?q=…&type=…) found every job with the words through
-- `cleanings_search`, then read each one's row to drop the other types: two heap pages in three
-- for nothing. One full-text index per type holds only that type's jobs, so a typed search reads
-- only the rows it keeps (pgbench of the bench's search on 100,000 cleanings, 10 clients,
-- prepared: 1,930-2,077 statements/s before, 2,772-2,846 after). `cleanings_search` stays for
-- searches without a type. The query names the type as a literal: a parameter cannot prove a
-- partial index's predicate in a generic plan (with these indexes and the type as a parameter,
-- PostgreSQL kept planning each run afresh: 1,174-1,309 statements/s).
CREATE INDEX "cleanings_search_dust_up" ON "cleanings" USING GIN (to_tsvector('english', "name" || ' ' || coalesce("description", ''))) WHERE "cleaning_type" = 'dust_up';
CREATE INDEX "cleanings_search_spot_clean" ON "cleanings" USING GIN (to_tsvector('english', "name" || ' ' || coalesce("description", ''))) WHERE "cleaning_type" = 'spot_clean';
CREATE INDEX "cleanings_search_full_clean" ON "cleanings" USING GIN (to_tsvector('english', "name" || ' ' || coalesce("description", ''))) WHERE "cleaning_type" = 'full_clean';
