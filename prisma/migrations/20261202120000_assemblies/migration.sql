-- AlterTable
ALTER TABLE "WorkingGroup" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'working';

-- CreateTable
CREATE TABLE "StatutesSettings" (
    "networkId" TEXT NOT NULL,
    "quorumFirstNumerator" INTEGER,
    "quorumFirstDenominator" INTEGER,
    "quorumFirstComparison" TEXT NOT NULL DEFAULT 'atLeast',
    "quorumSecondNumerator" INTEGER,
    "quorumSecondDenominator" INTEGER,
    "quorumSecondComparison" TEXT NOT NULL DEFAULT 'atLeast',
    "maxProxiesPerHolder" INTEGER NOT NULL DEFAULT 1,
    "majorityRules" TEXT[] DEFAULT ARRAY['simple', 'absolute', 'two-thirds']::TEXT[],
    "tieRule" TEXT NOT NULL DEFAULT 'lots',
    "committeeSeats" INTEGER NOT NULL DEFAULT 0,
    "noticeDays" INTEGER NOT NULL DEFAULT 15,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatutesSettings_pkey" PRIMARY KEY ("networkId")
);

-- CreateTable
CREATE TABLE "StatutesCollege" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "minSeats" INTEGER NOT NULL DEFAULT 0,
    "maxSeats" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatutesCollege_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeSeat" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "college" TEXT,
    "mandateFrom" DATE NOT NULL,
    "mandateTo" DATE,
    "electedInPollId" TEXT,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeSeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assembly" (
    "id" TEXT NOT NULL,
    "networkId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'ordinary',
    "convocation" TEXT NOT NULL DEFAULT 'first',
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "place" TEXT NOT NULL DEFAULT '',
    "videoUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "cancelReason" TEXT,
    "convokedAt" TIMESTAMP(3),
    "uid" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "rules" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assembly_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssemblyAgendaItem" (
    "id" TEXT NOT NULL,
    "assemblyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AssemblyAgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssemblyDocument" (
    "id" TEXT NOT NULL,
    "assemblyId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "title" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssemblyDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollEntry" (
    "assemblyId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "frozenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RollEntry_pkey" PRIMARY KEY ("assemblyId","organisationId")
);

-- CreateTable
CREATE TABLE "AssemblyAttendance" (
    "assemblyId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "delegateId" TEXT,
    "checkedInAt" TIMESTAMP(3),
    "checkedOutAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssemblyAttendance_pkey" PRIMARY KEY ("assemblyId","organisationId")
);

-- CreateTable
CREATE TABLE "Proxy" (
    "id" TEXT NOT NULL,
    "assemblyId" TEXT NOT NULL,
    "giverOrganisationId" TEXT NOT NULL,
    "holderOrganisationId" TEXT NOT NULL,
    "activeKey" TEXT,
    "channel" TEXT NOT NULL,
    "givenById" TEXT,
    "scanPath" TEXT,
    "scanType" TEXT,
    "scanSize" INTEGER,
    "scanName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "Proxy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL,
    "assemblyId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "cancelReason" TEXT,
    "majorityRule" TEXT,
    "base" TEXT,
    "choiceSet" TEXT,
    "seats" INTEGER,
    "rules" JSONB,
    "lotsCommitment" TEXT,
    "lotsSeed" TEXT,
    "previousPollId" TEXT,
    "readyAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "attendanceAtClose" JSONB,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "pollId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "college" TEXT,
    "declaredById" TEXT,
    "declaredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("pollId","organisationId")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "pollId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "castByOrganisationId" TEXT,
    "votedAt" TIMESTAMP(3),
    "channel" TEXT,

    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("pollId","organisationId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" UUID NOT NULL,
    "pollId" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "tracker" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperTotal" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "enteredById" TEXT,
    "totals" JSONB NOT NULL,
    "ballots" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaperTotal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatutesCollege_networkId_name_key" ON "StatutesCollege"("networkId", "name");

-- CreateIndex
CREATE INDEX "CommitteeSeat_networkId_endedAt_idx" ON "CommitteeSeat"("networkId", "endedAt");

-- CreateIndex
CREATE INDEX "CommitteeSeat_organisationId_idx" ON "CommitteeSeat"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Assembly_uid_key" ON "Assembly"("uid");

-- CreateIndex
CREATE INDEX "Assembly_networkId_startsAt_idx" ON "Assembly"("networkId", "startsAt");

-- CreateIndex
CREATE INDEX "AssemblyAgendaItem_assemblyId_position_idx" ON "AssemblyAgendaItem"("assemblyId", "position");

-- CreateIndex
CREATE INDEX "AssemblyDocument_assemblyId_idx" ON "AssemblyDocument"("assemblyId");

-- CreateIndex
CREATE INDEX "RollEntry_organisationId_idx" ON "RollEntry"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Proxy_activeKey_key" ON "Proxy"("activeKey");

-- CreateIndex
CREATE INDEX "Proxy_assemblyId_holderOrganisationId_idx" ON "Proxy"("assemblyId", "holderOrganisationId");

-- CreateIndex
CREATE INDEX "Proxy_assemblyId_giverOrganisationId_idx" ON "Proxy"("assemblyId", "giverOrganisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Poll_previousPollId_key" ON "Poll"("previousPollId");

-- CreateIndex
CREATE INDEX "Poll_assemblyId_status_idx" ON "Poll"("assemblyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_pollId_tracker_key" ON "Ballot"("pollId", "tracker");

-- CreateIndex
CREATE UNIQUE INDEX "PaperTotal_pollId_enteredById_key" ON "PaperTotal"("pollId", "enteredById");

-- AddForeignKey
ALTER TABLE "StatutesSettings" ADD CONSTRAINT "StatutesSettings_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatutesCollege" ADD CONSTRAINT "StatutesCollege_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "StatutesSettings"("networkId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeSeat" ADD CONSTRAINT "CommitteeSeat_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeSeat" ADD CONSTRAINT "CommitteeSeat_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeSeat" ADD CONSTRAINT "CommitteeSeat_electedInPollId_fkey" FOREIGN KEY ("electedInPollId") REFERENCES "Poll"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assembly" ADD CONSTRAINT "Assembly_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assembly" ADD CONSTRAINT "Assembly_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyAgendaItem" ADD CONSTRAINT "AssemblyAgendaItem_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyDocument" ADD CONSTRAINT "AssemblyDocument_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyDocument" ADD CONSTRAINT "AssemblyDocument_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AssemblyAgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyDocument" ADD CONSTRAINT "AssemblyDocument_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollEntry" ADD CONSTRAINT "RollEntry_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollEntry" ADD CONSTRAINT "RollEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyAttendance" ADD CONSTRAINT "AssemblyAttendance_assemblyId_organisationId_fkey" FOREIGN KEY ("assemblyId", "organisationId") REFERENCES "RollEntry"("assemblyId", "organisationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyAttendance" ADD CONSTRAINT "AssemblyAttendance_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssemblyAttendance" ADD CONSTRAINT "AssemblyAttendance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proxy" ADD CONSTRAINT "Proxy_assemblyId_giverOrganisationId_fkey" FOREIGN KEY ("assemblyId", "giverOrganisationId") REFERENCES "RollEntry"("assemblyId", "organisationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proxy" ADD CONSTRAINT "Proxy_assemblyId_holderOrganisationId_fkey" FOREIGN KEY ("assemblyId", "holderOrganisationId") REFERENCES "RollEntry"("assemblyId", "organisationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proxy" ADD CONSTRAINT "Proxy_givenById_fkey" FOREIGN KEY ("givenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proxy" ADD CONSTRAINT "Proxy_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_assemblyId_fkey" FOREIGN KEY ("assemblyId") REFERENCES "Assembly"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AssemblyAgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_previousPollId_fkey" FOREIGN KEY ("previousPollId") REFERENCES "Poll"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_declaredById_fkey" FOREIGN KEY ("declaredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperTotal" ADD CONSTRAINT "PaperTotal_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperTotal" ADD CONSTRAINT "PaperTotal_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one comité d'accompagnement (a group of kind "committee") per network. A partial index:
-- schema.prisma cannot say it.
CREATE UNIQUE INDEX "WorkingGroup_one_committee_key" ON "WorkingGroup" ("networkId") WHERE "kind" = 'committee';

-- Secret ballots (docs/decisions/013-assemblies-and-votes.md). The poll's status may only move
-- along the workflow of app/models/polls.server.ts; "closing" lives only inside the transaction
-- that rewrites the ballot box. A poll holding ballots is deleted only with its assembly.
CREATE FUNCTION "poll_guard"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM "Ballot" WHERE "pollId" = OLD."id") AND EXISTS (SELECT 1 FROM "Assembly" WHERE "id" = OLD."assemblyId") THEN
      RAISE EXCEPTION 'poll % holds ballots and cannot be deleted', OLD."id" USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW."status" IS DISTINCT FROM OLD."status" AND NOT (
       (OLD."status" = 'draft' AND NEW."status" IN ('ready', 'cancelled'))
    OR (OLD."status" = 'ready' AND NEW."status" IN ('open', 'cancelled'))
    OR (OLD."status" = 'open' AND NEW."status" IN ('closing', 'cancelled'))
    OR (OLD."status" = 'closing' AND NEW."status" = 'closed')
    OR (OLD."status" = 'closed' AND NEW."status" = 'published')
  ) THEN
    RAISE EXCEPTION 'poll % cannot go from % to %', OLD."id", OLD."status", NEW."status" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Poll_guard"
  BEFORE UPDATE OR DELETE ON "Poll"
  FOR EACH ROW EXECUTE FUNCTION "poll_guard"();

-- Ballots are added only while their poll is open (or being closed), never updated, and deleted
-- only by the closing transaction (status "closing"), which deletes and re-inserts every ballot of
-- the poll in a random order: afterwards all of them carry that transaction's xmin and their
-- physical order (ctid) is the shuffled one. Deleting the whole assembly takes them along.
CREATE FUNCTION "ballot_guard"() RETURNS trigger AS $$
DECLARE
  poll_status TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT "status" INTO poll_status FROM "Poll" WHERE "id" = NEW."pollId";
    IF poll_status IS DISTINCT FROM 'open' AND poll_status IS DISTINCT FROM 'closing' THEN
      RAISE EXCEPTION 'poll % is not open: no ballot can be added', NEW."pollId" USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
  END IF;
  SELECT "status" INTO poll_status FROM "Poll" WHERE "id" = OLD."pollId";
  IF NOT FOUND THEN
    RETURN OLD; -- the poll is being deleted with its assembly (poll_guard refuses it otherwise)
  END IF;
  IF TG_OP = 'DELETE' AND poll_status = 'closing' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ballots of poll % cannot be changed (status %)', OLD."pollId", poll_status USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Ballot_guard"
  BEFORE INSERT OR UPDATE OR DELETE ON "Ballot"
  FOR EACH ROW EXECUTE FUNCTION "ballot_guard"();

CREATE FUNCTION "ballot_no_truncate"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ballots cannot be truncated' USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Ballot_no_truncate"
  BEFORE TRUNCATE ON "Ballot"
  FOR EACH STATEMENT EXECUTE FUNCTION "ballot_no_truncate"();

-- An entitlement that has voted stays so: no update, no deletion but with its poll.
CREATE FUNCTION "entitlement_guard"() RETURNS trigger AS $$
BEGIN
  IF OLD."votedAt" IS NOT NULL THEN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Poll" WHERE "id" = OLD."pollId") THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the vote of % in poll % is recorded and cannot be changed', OLD."organisationId", OLD."pollId" USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Entitlement_guard"
  BEFORE UPDATE OR DELETE ON "Entitlement"
  FOR EACH ROW EXECUTE FUNCTION "entitlement_guard"();
