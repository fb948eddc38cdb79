-- Every change that may alter who a token acts as (a user's row updated or deleted: token
-- generation, active, verified, superuser, e-mail…; an access token revoked) is announced on
-- the channel `phresh_caller_changes`, from the changing transaction itself: PostgreSQL
-- delivers a NOTIFY only if, and as soon as, that transaction commits. Each app instance
-- listens and drops what it cached about the caller (packages/api/src/auth/caller-cache.ts).
-- A trigger rather than a call in each write path: a write added later cannot forget it.
-- Payload: 'user:<id>' or 'token:<jti>'.
CREATE FUNCTION "phresh_announce_caller_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('phresh_caller_changes', 'user:' || OLD."id");
  ELSE
    PERFORM pg_notify('phresh_caller_changes', 'token:' || NEW."jti");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "users_announce_caller_change"
  AFTER UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "phresh_announce_caller_change"();

-- Only new revocations: a revocation is deleted once its token has expired, and an expired
-- token is refused before any cache is consulted.
CREATE TRIGGER "revoked_access_tokens_announce_caller_change"
  AFTER INSERT ON "revoked_access_tokens"
  FOR EACH ROW EXECUTE FUNCTION "phresh_announce_caller_change"();
