-- AlterTable
ALTER TABLE "CollabDocument" ADD COLUMN     "html" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr',
ADD COLUMN     "publishedAt" TIMESTAMP(3),
ADD COLUMN     "publishedById" TEXT,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchVector" tsvector,
ADD COLUMN     "validatedVersionId" TEXT;

-- CreateTable
CREATE TABLE "RecommendationCosigner" (
    "recommendationId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationCosigner_pkey" PRIMARY KEY ("recommendationId","organisationId")
);

-- CreateTable
CREATE TABLE "RecommendationVersion" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "json" JSONB,
    "html" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "sha256" TEXT NOT NULL,
    "frozen" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationThread" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "quote" TEXT NOT NULL DEFAULT '',
    "anchorFrom" BYTEA,
    "anchorTo" BYTEA,
    "createdById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationComment" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationStep" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "remarks" TEXT NOT NULL DEFAULT '',
    "versionId" TEXT,
    "byId" TEXT,
    "organisationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Authority" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "institution" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Authority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthorityContact" (
    "id" TEXT NOT NULL,
    "authorityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "function" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "AuthorityContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationRecipient" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'queued',
    "outboxEmailId" TEXT,
    "sentAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationAnswer" (
    "id" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorFunction" TEXT NOT NULL DEFAULT '',
    "consentToPublish" BOOLEAN NOT NULL DEFAULT false,
    "via" TEXT NOT NULL DEFAULT 'link',
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationAnswerFile" (
    "id" TEXT NOT NULL,
    "answerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationAnswerFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecommendationCosigner_organisationId_idx" ON "RecommendationCosigner"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "RecommendationVersion_recommendationId_number_key" ON "RecommendationVersion"("recommendationId", "number");

-- CreateIndex
CREATE INDEX "RecommendationThread_recommendationId_resolvedAt_idx" ON "RecommendationThread"("recommendationId", "resolvedAt");

-- CreateIndex
CREATE INDEX "RecommendationComment_threadId_createdAt_idx" ON "RecommendationComment"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "RecommendationStep_recommendationId_createdAt_idx" ON "RecommendationStep"("recommendationId", "createdAt");

-- CreateIndex
CREATE INDEX "Authority_networkId_archivedAt_idx" ON "Authority"("networkId", "archivedAt");

-- CreateIndex
CREATE INDEX "AuthorityContact_authorityId_idx" ON "AuthorityContact"("authorityId");

-- CreateIndex
CREATE UNIQUE INDEX "RecommendationRecipient_tokenHash_key" ON "RecommendationRecipient"("tokenHash");

-- CreateIndex
CREATE INDEX "RecommendationRecipient_status_sentAt_idx" ON "RecommendationRecipient"("status", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "RecommendationRecipient_recommendationId_contactId_key" ON "RecommendationRecipient"("recommendationId", "contactId");

-- CreateIndex
CREATE INDEX "RecommendationAnswer_recipientId_idx" ON "RecommendationAnswer"("recipientId");

-- CreateIndex
CREATE INDEX "RecommendationAnswerFile_answerId_idx" ON "RecommendationAnswerFile"("answerId");

-- CreateIndex
CREATE UNIQUE INDEX "Recommendation_validatedVersionId_key" ON "Recommendation"("validatedVersionId");

-- CreateIndex
CREATE INDEX "Recommendation_networkId_publishedAt_idx" ON "Recommendation"("networkId", "publishedAt");

-- CreateIndex
CREATE INDEX "Recommendation_searchVector_idx" ON "Recommendation" USING GIN ("searchVector");

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_validatedVersionId_fkey" FOREIGN KEY ("validatedVersionId") REFERENCES "RecommendationVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationCosigner" ADD CONSTRAINT "RecommendationCosigner_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationCosigner" ADD CONSTRAINT "RecommendationCosigner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationVersion" ADD CONSTRAINT "RecommendationVersion_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationVersion" ADD CONSTRAINT "RecommendationVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationThread" ADD CONSTRAINT "RecommendationThread_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationThread" ADD CONSTRAINT "RecommendationThread_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationThread" ADD CONSTRAINT "RecommendationThread_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationComment" ADD CONSTRAINT "RecommendationComment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "RecommendationThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationComment" ADD CONSTRAINT "RecommendationComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationStep" ADD CONSTRAINT "RecommendationStep_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationStep" ADD CONSTRAINT "RecommendationStep_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationStep" ADD CONSTRAINT "RecommendationStep_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Authority" ADD CONSTRAINT "Authority_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorityContact" ADD CONSTRAINT "AuthorityContact_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationRecipient" ADD CONSTRAINT "RecommendationRecipient_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationRecipient" ADD CONSTRAINT "RecommendationRecipient_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RecommendationVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationRecipient" ADD CONSTRAINT "RecommendationRecipient_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "AuthorityContact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationAnswer" ADD CONSTRAINT "RecommendationAnswer_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "RecommendationRecipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationAnswer" ADD CONSTRAINT "RecommendationAnswer_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecommendationAnswerFile" ADD CONSTRAINT "RecommendationAnswerFile_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "RecommendationAnswer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The search vector follows the plain text and the language of the recommendation, as for minutes.
CREATE FUNCTION "recommendation_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."searchVector" := to_tsvector(
    CASE WHEN NEW."language" = 'nl' THEN 'maillage_nl'::regconfig ELSE 'maillage_fr'::regconfig END,
    NEW."searchText");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Recommendation_search_vector"
  BEFORE INSERT OR UPDATE OF "searchText", "language" ON "Recommendation"
  FOR EACH ROW EXECUTE FUNCTION "recommendation_search_vector"();

-- A version a decision rests on is never changed (its fingerprint is printed on what was sent).
CREATE FUNCTION "recommendation_version_frozen"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."frozen" THEN
    RAISE EXCEPTION 'recommendation version % is frozen', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD."text" <> NEW."text" OR OLD."html" <> NEW."html" OR OLD."sha256" <> NEW."sha256" OR OLD."state" <> NEW."state" OR (OLD."frozen" AND NOT NEW."frozen")) THEN
    RAISE EXCEPTION 'recommendation version % is never changed', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "RecommendationVersion_frozen"
  BEFORE UPDATE OR DELETE ON "RecommendationVersion"
  FOR EACH ROW EXECUTE FUNCTION "recommendation_version_frozen"();
