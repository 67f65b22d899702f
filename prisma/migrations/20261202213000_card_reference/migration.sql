-- Card.reference (PLAN.md "Shared names"): the case number from an e-service or case system, unique on its board
-- when set. Added by the api engineer for intake, exactly as the boards engineer specified it.

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "reference" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Card_boardId_reference_key" ON "Card"("boardId", "reference");
