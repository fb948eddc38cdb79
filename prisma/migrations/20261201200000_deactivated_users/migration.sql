-- The feed and the jobs search leave out cleanings of deactivated owners (NOT EXISTS on users
-- WHERE NOT is_active). Without an index the planner reads every user for each page; with this
-- one it reads the few deactivated accounts only.
CREATE INDEX "users_deactivated" ON "users"("id") WHERE NOT "is_active";
