-- Swimlanes and classes of service (issue 12): lanes per board, each card in one lane, the lanes of every card
-- move in its history, and lane changes in the board history. Every existing board gets one standard lane that
-- holds all its cards, so a board looks and behaves exactly as before until its team adds a lane.

-- CreateEnum
CREATE TYPE "ClassOfService" AS ENUM ('STANDARD', 'EXPEDITE', 'INTANGIBLE');

-- AlterEnum (the new values are not used in this migration, so adding them inside its transaction is fine)
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_CREATED';
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_RENAMED';
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_REORDERED';
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_DELETED';
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_WIP_CHANGED';
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_POLICY_CHANGED';
ALTER TYPE "BoardEventType" ADD VALUE 'LANE_CLASS_CHANGED';

-- AlterTable
ALTER TABLE "BoardEvent" ADD COLUMN     "laneId" TEXT;

-- AlterTable
ALTER TABLE "CardEvent" ADD COLUMN     "fromLaneId" TEXT,
ADD COLUMN     "toLaneId" TEXT;

-- CreateTable
CREATE TABLE "Lane" (
    "id" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" DOUBLE PRECISION NOT NULL,
    "classOfService" "ClassOfService" NOT NULL DEFAULT 'STANDARD',
    "wipLimit" INTEGER,
    "wipMode" "WipMode" NOT NULL DEFAULT 'ADVISORY',
    "policy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Lane_pkey" PRIMARY KEY ("id")
);

-- One standard lane per existing board, as old as the board (history then never names a lane younger than a card).
-- The id only has to be unique text; the app's own ids are cuids, these are readable and as unique as board ids.
INSERT INTO "Lane" ("id", "boardId", "name", "position", "classOfService", "createdAt")
SELECT 'lane_' || "id", "id", 'Standard', 1024, 'STANDARD', "createdAt" FROM "Board";

-- Every card into its board's lane, then the column becomes required.
ALTER TABLE "Card" ADD COLUMN     "laneId" TEXT;
UPDATE "Card" SET "laneId" = 'lane_' || "boardId";
ALTER TABLE "Card" ALTER COLUMN "laneId" SET NOT NULL;

-- The history of every card happened in that one lane: record it, so flow per class of service reads whole.
UPDATE "CardEvent" SET "toLaneId" = 'lane_' || "boardId" WHERE "type" IN ('CREATED', 'MOVED');
UPDATE "CardEvent" SET "fromLaneId" = 'lane_' || "boardId" WHERE "type" = 'MOVED';

-- CreateIndex
CREATE INDEX "Lane_boardId_deletedAt_idx" ON "Lane"("boardId", "deletedAt");

-- CreateIndex
CREATE INDEX "Card_laneId_idx" ON "Card"("laneId");

-- AddForeignKey
ALTER TABLE "Lane" ADD CONSTRAINT "Lane_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_laneId_fkey" FOREIGN KEY ("laneId") REFERENCES "Lane"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
