-- The team's own boards (issue 11 §1): a board can be archived (read-only, restorable), and creating, renaming,
-- archiving and restoring a board is in the team's history (and the board's own).
ALTER TYPE "BoardEventType" ADD VALUE 'BOARD_RENAMED';
ALTER TYPE "BoardEventType" ADD VALUE 'BOARD_ARCHIVED';
ALTER TYPE "BoardEventType" ADD VALUE 'BOARD_RESTORED';
ALTER TYPE "TeamEventType" ADD VALUE 'BOARD_CREATED';
ALTER TYPE "TeamEventType" ADD VALUE 'BOARD_RENAMED';
ALTER TYPE "TeamEventType" ADD VALUE 'BOARD_ARCHIVED';
ALTER TYPE "TeamEventType" ADD VALUE 'BOARD_RESTORED';

ALTER TABLE "Board" ADD COLUMN "archivedAt" TIMESTAMP(3);
