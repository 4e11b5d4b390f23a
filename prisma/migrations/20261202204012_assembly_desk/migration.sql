-- CreateTable
CREATE TABLE "AssemblyDesk" (
    "assemblyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "namedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssemblyDesk_pkey" PRIMARY KEY ("assemblyId","userId")
);

-- CreateIndex
CREATE INDEX "AssemblyDesk_userId_idx" ON "AssemblyDesk"("userId");

-- AddForeignKey
ALTER TABLE "AssemblyDesk" ADD CONSTRAINT "AssemblyDesk_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyDesk" ADD CONSTRAINT "AssemblyDesk_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyDesk" ADD CONSTRAINT "AssemblyDesk_namedById_fkey" FOREIGN KEY ("namedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
