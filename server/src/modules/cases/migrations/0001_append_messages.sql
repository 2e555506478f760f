-- Appends a batch of messages in one statement, one round trip and one commit (cases/store.ts `appendMessages`).
-- Each item is appended exactly as a single post would be: the case row is locked first, so a clientMessageId that
-- is already stored (by this batch or another transaction) is found and returned instead of inserted, and seq is the
-- case's next number with no gap. Items are taken in case-id order, so two batches lock cases in the same order and
-- never wait on each other in a cycle.
CREATE OR REPLACE FUNCTION sapa_append_messages(batch jsonb)
RETURNS TABLE (ord integer, outcome text, message jsonb, case_row jsonb, previous_status text, author_name text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  item record;
  target cases;
  found_message messages;
  bumped cases;
  agent_public boolean;
BEGIN
  FOR item IN
    SELECT * FROM jsonb_to_recordset(batch) AS x(
      ord integer, id text, case_id text, author_kind text, author_id text, body text, internal boolean,
      client_message_id text, channel text, metadata jsonb, delivery_status text, from_customer boolean,
      seer_kind text, seer_customer text, seer_visitor text)
    ORDER BY x.case_id, x.ord
  LOOP
    ord := item.ord;
    message := NULL;
    case_row := NULL;
    previous_status := NULL;
    author_name := NULL;
    -- Who may see the case (store.ts `visibleTo`): a case outside it is "not found".
    SELECT c.* INTO target FROM cases c
    WHERE c.id = item.case_id
      AND (item.seer_kind = 'agent'
        OR (item.seer_kind = 'customer' AND (c.customer_id = item.seer_customer OR c.visitor_id = item.seer_visitor))
        OR (item.seer_kind = 'visitor' AND c.visitor_id = item.seer_visitor AND c.customer_id IS NULL))
    FOR UPDATE;
    IF NOT FOUND THEN
      outcome := 'not_found';
      RETURN NEXT;
      CONTINUE;
    END IF;
    -- Under the case's lock every earlier append to it has committed or rolled back, and this statement sees it.
    SELECT m.* INTO found_message FROM messages m WHERE m.case_id = item.case_id AND m.client_message_id = item.client_message_id;
    IF FOUND THEN
      outcome := 'duplicate';
      message := to_jsonb(found_message);
      case_row := to_jsonb(target);
      author_name := (SELECT a.name FROM agents a WHERE found_message.author_kind = 'agent' AND a.id = found_message.author_id);
      RETURN NEXT;
      CONTINUE;
    END IF;
    IF item.from_customer AND target.status = 'closed' THEN
      outcome := 'closed';
      RETURN NEXT;
      CONTINUE;
    END IF;
    agent_public := item.author_kind = 'agent' AND NOT item.internal;
    UPDATE cases c SET
      last_seq = c.last_seq + 1,
      updated_at = now(),
      last_message_at = CASE WHEN item.internal THEN c.last_message_at ELSE now() END,
      waiting_since = CASE WHEN item.from_customer THEN coalesce(c.waiting_since, now())
                           WHEN agent_public THEN NULL ELSE c.waiting_since END,
      first_response_at = CASE WHEN agent_public THEN coalesce(c.first_response_at, now()) ELSE c.first_response_at END,
      -- A customer writing on a pending or resolved case reopens it.
      status = CASE WHEN item.from_customer AND c.status IN ('pending', 'resolved') THEN 'open' ELSE c.status END,
      resolved_at = CASE WHEN item.from_customer AND c.status = 'resolved' THEN NULL ELSE c.resolved_at END
    WHERE c.id = item.case_id
    RETURNING c.* INTO bumped;
    INSERT INTO messages AS m (id, case_id, seq, author_kind, author_id, body, internal, client_message_id, channel, metadata, delivery_status)
    VALUES (item.id, item.case_id, bumped.last_seq, item.author_kind, item.author_id, item.body, item.internal,
            item.client_message_id, coalesce(item.channel, target.channel), item.metadata, coalesce(item.delivery_status, 'stored'))
    RETURNING m.* INTO found_message;
    outcome := 'created';
    message := to_jsonb(found_message);
    case_row := to_jsonb(bumped);
    previous_status := target.status;
    -- The agent's name comes with the message, so answering a post needs no second query.
    author_name := (SELECT a.name FROM agents a WHERE item.author_kind = 'agent' AND a.id = item.author_id);
    RETURN NEXT;
  END LOOP;
END
$$;
