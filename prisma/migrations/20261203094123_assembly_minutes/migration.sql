-- AlterTable
ALTER TABLE "Assembly" ADD COLUMN     "meetingId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Assembly_meetingId_key" ON "Assembly"("meetingId");

-- AddForeignKey
ALTER TABLE "Assembly" ADD CONSTRAINT "Assembly_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one group of kind "assembly" per network: it holds the meetings whose minutes are the
-- general assemblies' minutes (record 013).
CREATE UNIQUE INDEX "WorkingGroup_one_assembly_key" ON "WorkingGroup" ("networkId") WHERE "kind" = 'assembly';
