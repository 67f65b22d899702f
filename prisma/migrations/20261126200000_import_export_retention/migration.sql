-- Import, export and team-owned retention: card labels, a cleared-text marker, names of imported actors (never
-- linked to accounts), the team's retention period and its log.

-- CreateEnum
CREATE TYPE "RetentionLogKind" AS ENUM ('SETTING_CHANGED', 'TEXT_CLEARED');

-- AlterTable
ALTER TABLE "BoardEvent" ADD COLUMN     "importedActorName" TEXT;

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "textClearedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CardEvent" ADD COLUMN     "importedActorName" TEXT;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "retentionMonths" INTEGER;

-- CreateTable
CREATE TABLE "RetentionLog" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "RetentionLogKind" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "months" INTEGER,
    "previousMonths" INTEGER,
    "cardCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RetentionLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RetentionLog_teamId_at_idx" ON "RetentionLog"("teamId", "at");

-- AddForeignKey
ALTER TABLE "RetentionLog" ADD CONSTRAINT "RetentionLog_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionLog" ADD CONSTRAINT "RetentionLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


