-- Who is on a card (#11 §4): people put themselves on cards; the card history records it.
ALTER TYPE "CardEventType" ADD VALUE 'PERSON_JOINED';
ALTER TYPE "CardEventType" ADD VALUE 'PERSON_LEFT';

CREATE TABLE "CardPerson" (
    "cardId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardPerson_pkey" PRIMARY KEY ("cardId","userId")
);

CREATE INDEX "CardPerson_userId_idx" ON "CardPerson"("userId");

ALTER TABLE "CardPerson" ADD CONSTRAINT "CardPerson_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CardPerson" ADD CONSTRAINT "CardPerson_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
