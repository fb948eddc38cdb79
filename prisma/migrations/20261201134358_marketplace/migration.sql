-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('pending', 'accepted', 'rejected', 'cancelled', 'completed');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "marketplace_mails" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "profiles" (
    "id" SERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "full_name" VARCHAR(100),
    "phone_number" VARCHAR(30),
    "bio" VARCHAR(1000),
    "image" VARCHAR(2048),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offers" (
    "user_id" UUID NOT NULL,
    "cleaning_id" INTEGER NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("user_id","cleaning_id")
);

-- CreateTable
CREATE TABLE "evaluations" (
    "id" SERIAL NOT NULL,
    "cleaning_id" INTEGER,
    "cleaning_name" VARCHAR(100) NOT NULL,
    "cleaner_id" UUID NOT NULL,
    "no_show" BOOLEAN NOT NULL DEFAULT false,
    "headline" VARCHAR(200),
    "comment" VARCHAR(4000),
    "professionalism" SMALLINT,
    "completeness" SMALLINT,
    "efficiency" SMALLINT,
    "overall_rating" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "profiles_user_id_key" ON "profiles"("user_id");

-- CreateIndex
CREATE INDEX "offers_cleaning_id_status_idx" ON "offers"("cleaning_id", "status");

-- CreateIndex
CREATE INDEX "offers_user_id_created_at_idx" ON "offers"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "evaluations_cleaner_id_created_at_idx" ON "evaluations"("cleaner_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "evaluations_cleaning_id_cleaner_id_key" ON "evaluations"("cleaning_id", "cleaner_id");

-- CreateIndex
CREATE INDEX "cleanings_created_at_id_idx" ON "cleanings"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "cleanings_updated_at_id_idx" ON "cleanings"("updated_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_cleaning_id_fkey" FOREIGN KEY ("cleaning_id") REFERENCES "cleanings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_cleaning_id_fkey" FOREIGN KEY ("cleaning_id") REFERENCES "cleanings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_cleaner_id_fkey" FOREIGN KEY ("cleaner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every existing account gets its (empty) profile, as new accounts do at registration.
INSERT INTO "profiles" ("user_id") SELECT "id" FROM "users";

-- At most one offer per cleaning is accepted or completed, whatever races (contract §3).
CREATE UNIQUE INDEX "offers_one_assigned_per_cleaning" ON "offers"("cleaning_id") WHERE "status" IN ('accepted', 'completed');

-- Full-text search over open jobs (GET /api/jobs): the same expression as the query's.
CREATE INDEX "cleanings_search" ON "cleanings" USING GIN (to_tsvector('english', "name" || ' ' || coalesce("description", '')));
