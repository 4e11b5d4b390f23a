-- CreateIndex
CREATE INDEX "Organisation_searchText_id_idx" ON "Organisation"("searchText", "id");

-- CreateIndex
CREATE INDEX "Organisation_updatedAt_idx" ON "Organisation"("updatedAt");
