-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "lockedUntil" TIMESTAMP(3),
    "lockToken" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionKey" (
    "key" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "userId" TEXT,
    "resultId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionKey_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "SubmissionKey_createdAt_idx" ON "SubmissionKey"("createdAt");

-- One open invitation per address and place (schema.prisma cannot say it: a partial index).
-- An installation may already hold several, left by the race this index closes: keep the newest
-- and revoke the others, as createInvitation does when it sends a new one.
UPDATE "Invitation" AS i SET "revokedAt" = CURRENT_TIMESTAMP
WHERE i."acceptedAt" IS NULL AND i."revokedAt" IS NULL
  AND EXISTS (
    SELECT 1 FROM "Invitation" AS n
    WHERE n."networkId" = i."networkId"
      AND n."organisationId" IS NOT DISTINCT FROM i."organisationId"
      AND n."email" = i."email"
      AND n."acceptedAt" IS NULL AND n."revokedAt" IS NULL
      AND (n."createdAt", n."id") > (i."createdAt", i."id")
  );

CREATE UNIQUE INDEX "Invitation_one_pending_key" ON "Invitation" ("networkId", COALESCE("organisationId", ''), "email")
  WHERE "acceptedAt" IS NULL AND "revokedAt" IS NULL;
