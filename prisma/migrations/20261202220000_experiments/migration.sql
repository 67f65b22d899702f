-- CreateEnum
CREATE TYPE "ExperimentMeasure" AS ENUM ('CYCLE_TIME', 'THROUGHPUT', 'WIP', 'WORK_ITEM_AGE', 'BLOCKED_TIME', 'FAILURE_DEMAND_SHARE');

-- CreateEnum
CREATE TYPE "ExperimentDirection" AS ENUM ('UP', 'DOWN');

-- CreateEnum
CREATE TYPE "ExperimentStatus" AS ENUM ('PROPOSED', 'RUNNING', 'ENDED');

-- CreateEnum
CREATE TYPE "ExperimentOutcome" AS ENUM ('ADOPT', 'ADAPT', 'ABANDON');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "BoardEventType" ADD VALUE 'EXPERIMENT_PROPOSED';
ALTER TYPE "BoardEventType" ADD VALUE 'EXPERIMENT_CHANGED';
ALTER TYPE "BoardEventType" ADD VALUE 'EXPERIMENT_STARTED';
ALTER TYPE "BoardEventType" ADD VALUE 'EXPERIMENT_ENDED';

-- AlterTable
ALTER TABLE "BoardEvent" ADD COLUMN     "experimentId" TEXT;

-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "hypothesis" TEXT NOT NULL,
    "measure" "ExperimentMeasure" NOT NULL,
    "expectedDirection" "ExperimentDirection" NOT NULL,
    "reviewDate" DATE NOT NULL,
    "status" "ExperimentStatus" NOT NULL DEFAULT 'PROPOSED',
    "preparedChange" JSONB,
    "appliedChange" JSONB,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "outcome" "ExperimentOutcome",
    "reflection" TEXT,
    "revertedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Experiment_boardId_status_idx" ON "Experiment"("boardId", "status");

-- CreateIndex
CREATE INDEX "BoardEvent_experimentId_idx" ON "BoardEvent"("experimentId");

-- AddForeignKey
ALTER TABLE "BoardEvent" ADD CONSTRAINT "BoardEvent_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;
