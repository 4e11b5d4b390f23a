-- CreateTable
CREATE TABLE "CharterVersion" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "changeSummary" TEXT NOT NULL DEFAULT '',
    "effectiveOn" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "fingerprint" TEXT,
    "adhesionDeadline" DATE,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CharterVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adhesion" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "charterVersionId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "activeKey" TEXT,
    "signatoryName" TEXT NOT NULL,
    "signatoryFunction" TEXT NOT NULL,
    "signedOn" DATE NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "submittedById" TEXT,
    "scanPath" TEXT,
    "scanType" TEXT,
    "scanSize" INTEGER,
    "scanName" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "endedAt" TIMESTAMP(3),
    "endKind" TEXT,
    "endReason" TEXT,
    "endedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adhesion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CharterReminder" (
    "id" TEXT NOT NULL,
    "charterVersionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CharterReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JoinRequest" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "organisationName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "street" TEXT NOT NULL DEFAULT '',
    "postalCode" TEXT NOT NULL DEFAULT '',
    "commune" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "phone" TEXT,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactFunction" TEXT NOT NULL DEFAULT '',
    "motivation" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decisionMessage" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "organisationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CharterVersion_networkId_status_idx" ON "CharterVersion"("networkId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CharterVersion_networkId_number_key" ON "CharterVersion"("networkId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Adhesion_activeKey_key" ON "Adhesion"("activeKey");

-- CreateIndex
CREATE INDEX "Adhesion_networkId_organisationId_idx" ON "Adhesion"("networkId", "organisationId");

-- CreateIndex
CREATE INDEX "Adhesion_charterVersionId_status_idx" ON "Adhesion"("charterVersionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CharterReminder_charterVersionId_kind_key" ON "CharterReminder"("charterVersionId", "kind");

-- CreateIndex
CREATE INDEX "JoinRequest_networkId_status_createdAt_idx" ON "JoinRequest"("networkId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "CharterVersion" ADD CONSTRAINT "CharterVersion_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CharterVersion" ADD CONSTRAINT "CharterVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adhesion" ADD CONSTRAINT "Adhesion_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adhesion" ADD CONSTRAINT "Adhesion_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adhesion" ADD CONSTRAINT "Adhesion_charterVersionId_fkey" FOREIGN KEY ("charterVersionId") REFERENCES "CharterVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adhesion" ADD CONSTRAINT "Adhesion_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adhesion" ADD CONSTRAINT "Adhesion_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adhesion" ADD CONSTRAINT "Adhesion_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CharterReminder" ADD CONSTRAINT "CharterReminder_charterVersionId_fkey" FOREIGN KEY ("charterVersionId") REFERENCES "CharterVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinRequest" ADD CONSTRAINT "JoinRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A published charter version is frozen: its text, number and fingerprint never change, and it
-- cannot go back to draft or be deleted (unless its network is). Only the adhesion deadline may still move (a coordinator
-- may give members more time). The application checks this too; the trigger is the guarantee.
CREATE FUNCTION "charter_version_frozen"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Deleting the whole network (ON DELETE CASCADE) is allowed: the network is gone by then.
    IF OLD."status" = 'published' AND EXISTS (SELECT 1 FROM "Network" WHERE "id" = OLD."networkId") THEN
      RAISE EXCEPTION 'charter version % is published and cannot be deleted', OLD."id" USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'published' AND (
       NEW."status" IS DISTINCT FROM OLD."status"
    OR NEW."title" IS DISTINCT FROM OLD."title"
    OR NEW."body" IS DISTINCT FROM OLD."body"
    OR NEW."changeSummary" IS DISTINCT FROM OLD."changeSummary"
    OR NEW."effectiveOn" IS DISTINCT FROM OLD."effectiveOn"
    OR NEW."number" IS DISTINCT FROM OLD."number"
    OR NEW."networkId" IS DISTINCT FROM OLD."networkId"
    OR NEW."fingerprint" IS DISTINCT FROM OLD."fingerprint"
    OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt") THEN
    RAISE EXCEPTION 'charter version % is published and frozen', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CharterVersion_frozen"
  BEFORE UPDATE OR DELETE ON "CharterVersion"
  FOR EACH ROW EXECUTE FUNCTION "charter_version_frozen"();
