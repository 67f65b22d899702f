-- Two-factor sign-in (TOTP) for local accounts, recovery codes, and a team's requirement of it.
ALTER TYPE "TeamEventType" ADD VALUE 'TWO_FACTOR_REQUIRED';
ALTER TYPE "TeamEventType" ADD VALUE 'TWO_FACTOR_NOT_REQUIRED';
ALTER TYPE "SignInEventType" ADD VALUE 'SECOND_FACTOR_FAILED';
ALTER TYPE "SignInEventType" ADD VALUE 'TWO_FACTOR_ENABLED';
ALTER TYPE "SignInEventType" ADD VALUE 'TWO_FACTOR_DISABLED';
ALTER TYPE "SignInEventType" ADD VALUE 'PASSWORD_CHANGED';

ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT,
ADD COLUMN "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN "totpLastTimeStep" INTEGER,
ADD COLUMN "totpPendingSecret" TEXT;

ALTER TABLE "Team" ADD COLUMN "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "RecoveryCode_userId_codeHash_key" ON "RecoveryCode"("userId", "codeHash");

ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
