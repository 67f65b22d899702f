-- The read log of boards that may hold client data (#15 item 10): the board's mark, one row per read of a card's
-- content, and the recorded log reviews with their samples. No foreign keys to boards, cards or users: the log
-- outlives them and is deleted only by its own retention.
ALTER TYPE "BoardEventType" ADD VALUE 'CLIENT_DATA_MARKED';
ALTER TYPE "BoardEventType" ADD VALUE 'CLIENT_DATA_UNMARKED';

CREATE TYPE "CardReadChannel" AS ENUM ('DIALOG', 'API', 'EXPORT', 'PRINT');

ALTER TABLE "Board" ADD COLUMN "holdsClientData" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "CardReadLog" (
    "id" BIGSERIAL NOT NULL,
    "boardId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "readerId" TEXT NOT NULL,
    "readerName" TEXT NOT NULL,
    "channel" "CardReadChannel" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardReadLog_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CardReadLog_boardId_at_idx" ON "CardReadLog"("boardId", "at");
CREATE INDEX "CardReadLog_boardId_cardId_at_idx" ON "CardReadLog"("boardId", "cardId", "at");
CREATE INDEX "CardReadLog_at_idx" ON "CardReadLog"("at");

CREATE TABLE "ReadLogReview" (
    "id" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "periodFrom" TIMESTAMP(3) NOT NULL,
    "periodTo" TIMESTAMP(3) NOT NULL,
    "populationCount" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "drawnById" TEXT NOT NULL,
    "drawnByName" TEXT NOT NULL,
    "drawnAt" TIMESTAMP(3) NOT NULL,
    "reviewedById" TEXT,
    "reviewedByName" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReadLogReview_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ReadLogReview_boardId_drawnAt_idx" ON "ReadLogReview"("boardId", "drawnAt");

CREATE TABLE "ReadLogReviewEntry" (
    "reviewId" TEXT NOT NULL,
    "entryId" BIGINT NOT NULL,

    CONSTRAINT "ReadLogReviewEntry_pkey" PRIMARY KEY ("reviewId", "entryId")
);

CREATE INDEX "ReadLogReviewEntry_entryId_idx" ON "ReadLogReviewEntry"("entryId");

ALTER TABLE "ReadLogReviewEntry" ADD CONSTRAINT "ReadLogReviewEntry_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "ReadLogReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReadLogReviewEntry" ADD CONSTRAINT "ReadLogReviewEntry_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "CardReadLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;
