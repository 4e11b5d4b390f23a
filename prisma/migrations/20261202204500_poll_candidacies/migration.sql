-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "candidaciesUntil" TIMESTAMP(3);
