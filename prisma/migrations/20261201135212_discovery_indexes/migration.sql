-- CreateIndex
CREATE INDEX "cleanings_price_id_idx" ON "cleanings"("price", "id");

-- The activity feed's update events (GET /api/feed/cleanings): only cleanings changed after their
-- creation have one. Without the condition, a page of updates walks past every unchanged cleaning.
CREATE INDEX "cleanings_update_events" ON "cleanings"("updated_at" DESC, "id" DESC) WHERE "updated_at" <> "created_at";
