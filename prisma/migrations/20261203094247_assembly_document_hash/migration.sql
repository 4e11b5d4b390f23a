-- AlterTable
ALTER TABLE "AssemblyDocument" ADD COLUMN     "sha256" TEXT;

-- CreateIndex
CREATE INDEX "AssemblyDocument_assemblyId_sha256_idx" ON "AssemblyDocument"("assemblyId", "sha256");
