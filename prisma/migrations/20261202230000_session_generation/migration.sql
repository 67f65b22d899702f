-- Session generation (lib/auth/session.ts): raising it ends every session issued before.
ALTER TABLE "User" ADD COLUMN "sessionGeneration" INTEGER NOT NULL DEFAULT 0;
