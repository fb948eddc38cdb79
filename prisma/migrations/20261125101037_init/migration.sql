-- CreateEnum
CREATE TYPE "CleaningType" AS ENUM ('dust_up', 'spot_clean', 'full_clean');

-- CreateTable
CREATE TABLE "cleanings" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(1000),
    "price" DECIMAL(10,2) NOT NULL,
    "cleaning_type" "CleaningType" NOT NULL DEFAULT 'spot_clean',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cleanings_pkey" PRIMARY KEY ("id")
);
