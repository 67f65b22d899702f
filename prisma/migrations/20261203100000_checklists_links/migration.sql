-- Checklists on cards and "waiting for" links between cards of one team (issue #11, sections 3 and 5).
ALTER TYPE "CardEventType" ADD VALUE 'CHECKLIST';
ALTER TYPE "CardEventType" ADD VALUE 'LINK';

CREATE TABLE "ChecklistItem" (
    "id" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "isDone" BOOLEAN NOT NULL DEFAULT false,
    "position" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChecklistItem_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ChecklistItem_cardId_position_idx" ON "ChecklistItem"("cardId", "position");
ALTER TABLE "ChecklistItem" ADD CONSTRAINT "ChecklistItem_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CardLink" (
    "id" TEXT NOT NULL,
    "waitingCardId" TEXT NOT NULL,
    "awaitedCardId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "CardLink_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CardLink_waitingCardId_awaitedCardId_key" ON "CardLink"("waitingCardId", "awaitedCardId");
CREATE INDEX "CardLink_awaitedCardId_idx" ON "CardLink"("awaitedCardId");
ALTER TABLE "CardLink" ADD CONSTRAINT "CardLink_waitingCardId_fkey" FOREIGN KEY ("waitingCardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CardLink" ADD CONSTRAINT "CardLink_awaitedCardId_fkey" FOREIGN KEY ("awaitedCardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CardLink" ADD CONSTRAINT "CardLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
