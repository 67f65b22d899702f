-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "eventSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "boardId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("boardId","seq")
);

-- CreateTable
CREATE TABLE "EventCursor" (
    "consumer" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventCursor_pkey" PRIMARY KEY ("consumer","boardId")
);

-- CreateTable
CREATE TABLE "EventConsumer" (
    "name" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventConsumer_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "OutboxEvent_at_idx" ON "OutboxEvent"("at");

-- CreateIndex
CREATE INDEX "EventCursor_boardId_idx" ON "EventCursor"("boardId");

-- AddForeignKey
ALTER TABLE "OutboxEvent" ADD CONSTRAINT "OutboxEvent_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventCursor" ADD CONSTRAINT "EventCursor_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A change of someone's membership (removed, role changed, or the account deleted, which cascades here) is an
-- event on each of the team's boards: every instance closes that person's open streams on it at once
-- (lib/live/board-stream.ts). A trigger, so that no code path that changes memberships can forget it. Boards are
-- locked in id order, after the membership row: the same order everywhere (column → card → board, one board
-- after another by id), so this never deadlocks with a card move. Membership changes are rare, so notifying
-- inside the transaction costs nothing here (the hot paths notify after commit; lib/live/relay.ts).
CREATE FUNCTION "tillit_membership_access_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed RECORD;
  new_role TEXT := CASE WHEN TG_OP = 'UPDATE' THEN NEW.role::text ELSE NULL END;
  payload TEXT;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.role = OLD.role AND NEW."userId" = OLD."userId" AND NEW."teamId" = OLD."teamId" THEN
    RETURN NULL;
  END IF;
  FOR changed IN
    UPDATE "Board" SET "eventSeq" = "eventSeq" + 1
    WHERE id IN (SELECT id FROM "Board" WHERE "teamId" = OLD."teamId" ORDER BY id FOR NO KEY UPDATE)
    RETURNING id, "eventSeq"
  LOOP
    payload := json_build_object('kind', 'access.changed', 'boardId', changed.id, 'userId', OLD."userId", 'role', new_role)::text;
    INSERT INTO "OutboxEvent" ("boardId", seq, kind, payload) VALUES (changed.id, changed."eventSeq", 'access.changed', payload);
    -- The wire format of lib/events/wire.ts: an empty origin line (the database itself), then the event's line.
    PERFORM pg_notify('tillit_board_events', E'\n' || changed.id || E'\t' || changed."eventSeq" || E'\t' || payload);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "Membership_access_changed" AFTER UPDATE OR DELETE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION "tillit_membership_access_changed"();

-- A session that ends (sign-out, "sign out everywhere", a password change: the account's session generation rises,
-- lib/auth/session.ts) is an event on each board of the person's teams too, so their open streams close at once on
-- every instance, copies of the cookie included; the browser reloads and meets the sign-in page. Boards in id order.
CREATE FUNCTION "tillit_session_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed RECORD;
  payload TEXT;
BEGIN
  FOR changed IN
    UPDATE "Board" b SET "eventSeq" = b."eventSeq" + 1
    FROM (
      SELECT bb.id, m.role::text AS role FROM "Board" bb JOIN "Membership" m ON m."teamId" = bb."teamId" AND m."userId" = NEW.id
      ORDER BY bb.id FOR NO KEY UPDATE OF bb
    ) target
    WHERE b.id = target.id
    RETURNING b.id, b."eventSeq", target.role
  LOOP
    payload := json_build_object('kind', 'access.changed', 'boardId', changed.id, 'userId', NEW.id, 'role', changed.role, 'reason', 'session-ended')::text;
    INSERT INTO "OutboxEvent" ("boardId", seq, kind, payload) VALUES (changed.id, changed."eventSeq", 'access.changed', payload);
    PERFORM pg_notify('tillit_board_events', E'\n' || changed.id || E'\t' || changed."eventSeq" || E'\t' || payload);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_session_ended" AFTER UPDATE OF "sessionGeneration" ON "User"
  FOR EACH ROW WHEN (NEW."sessionGeneration" > OLD."sessionGeneration") EXECUTE FUNCTION "tillit_session_ended"();
