-- The lease read model: plain tables the lease API, statistics and operators' SQL read, kept by
-- the projection of the partitions' journal events (LeaseProjection). Column names follow Kea's
-- lease4 / lease6 tables where there is an equivalent. Times are timestamptz; "expired" is not
-- stored: a bound or declined row whose expires_at has passed is expired when it is read, as
-- expiry writes no event.
--
-- last_ordering: the journal ordering of the last event applied to a row. Every write is
-- guarded by it, so replaying events the table already has (a projection restarted after a
-- crash, or two incarnations for a moment) changes nothing.

-- One row per DHCPv4 address any partition has bound, released or quarantined.
CREATE TABLE lease4 (
    address       inet PRIMARY KEY,
    subnet_id     integer NOT NULL,
    -- who: the partition's holder key as text (hw-1-aabbccddeeff or id-01aabbccddeeff)
    client_key    text NOT NULL,
    hw_type       smallint,
    -- chaddr as lower-case colon hex, when known (from the key, or from the message of a client that sent option 61)
    hw_address    text,
    -- option 61 as lower-case hex, type octet first, when the client sent one
    client_id     text,
    hostname      text,
    state         text NOT NULL CHECK (state IN ('bound', 'released', 'declined')),
    bound_at      timestamptz,
    -- end of the lease (bound), when it was given back (released), end of the quarantine (declined)
    expires_at    timestamptz NOT NULL,
    -- the relay the client came through (giaddr), null if direct
    relay         text,
    updated_at    timestamptz NOT NULL,
    last_ordering bigint NOT NULL
);
CREATE INDEX lease4_hw_address_idx ON lease4 (hw_address) WHERE hw_address IS NOT NULL;
CREATE INDEX lease4_client_id_idx ON lease4 (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX lease4_client_key_idx ON lease4 (client_key);
-- host names compare without case (RFC 4343)
CREATE INDEX lease4_hostname_idx ON lease4 (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX lease4_subnet_idx ON lease4 (subnet_id, address);

-- One row per DHCPv6 address (/128) or delegated prefix.
CREATE TABLE lease6 (
    address         inet PRIMARY KEY,
    prefix_len      smallint NOT NULL,
    type            text NOT NULL CHECK (type IN ('na', 'ta', 'pd')),
    subnet_id       integer NOT NULL,
    duid            text NOT NULL,
    iaid            bigint NOT NULL,
    -- the IA key as text: <duid hex>:<na|ta|pd>:<iaid>
    client_key      text NOT NULL,
    hostname        text,
    state           text NOT NULL CHECK (state IN ('bound', 'released', 'declined')),
    bound_at        timestamptz,
    preferred_until timestamptz,
    expires_at      timestamptz NOT NULL,
    -- the relay's link-address the client came through, null if direct
    relay           text,
    updated_at      timestamptz NOT NULL,
    last_ordering   bigint NOT NULL
);
CREATE INDEX lease6_duid_idx ON lease6 (duid);
CREATE INDEX lease6_client_key_idx ON lease6 (client_key);
CREATE INDEX lease6_hostname_idx ON lease6 (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX lease6_subnet_idx ON lease6 (subnet_id, address);

-- One row per binding interval: who held an address from started_at until ended_at (or, while
-- open, until expires_at, which renewals move). end_reason says how it ended; an open row whose
-- expires_at has passed ended by expiry. Keyed by the journal ordering of the Bound event that
-- began it, so a replayed Bound adds nothing.
CREATE TABLE lease4_history (
    bound_ordering bigint PRIMARY KEY,
    address        inet NOT NULL,
    subnet_id      integer NOT NULL,
    client_key     text NOT NULL,
    hw_type        smallint,
    hw_address     text,
    client_id      text,
    hostname       text,
    relay          text,
    started_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    end_reason     text CHECK (end_reason IN ('released', 'declined', 'expired', 'replaced')),
    last_ordering  bigint NOT NULL,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
-- "who held X at time T": the intervals of X that started by T, newest first
CREATE INDEX lease4_history_address_idx ON lease4_history (address, started_at);
CREATE INDEX lease4_history_client_key_idx ON lease4_history (client_key, started_at);
CREATE INDEX lease4_history_hw_address_idx ON lease4_history (hw_address, started_at) WHERE hw_address IS NOT NULL;
CREATE INDEX lease4_history_client_id_idx ON lease4_history (client_id, started_at) WHERE client_id IS NOT NULL;
CREATE INDEX lease4_history_hostname_idx ON lease4_history (lower(hostname), started_at) WHERE hostname IS NOT NULL;
-- retention deletes by when an interval ended
CREATE INDEX lease4_history_end_idx ON lease4_history ((coalesce(ended_at, expires_at)));

CREATE TABLE lease6_history (
    bound_ordering  bigint PRIMARY KEY,
    address         inet NOT NULL,
    prefix_len      smallint NOT NULL,
    type            text NOT NULL CHECK (type IN ('na', 'ta', 'pd')),
    subnet_id       integer NOT NULL,
    duid            text NOT NULL,
    iaid            bigint NOT NULL,
    client_key      text NOT NULL,
    hostname        text,
    relay           text,
    started_at      timestamptz NOT NULL,
    preferred_until timestamptz,
    expires_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    end_reason      text CHECK (end_reason IN ('released', 'declined', 'expired', 'replaced')),
    last_ordering   bigint NOT NULL,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX lease6_history_address_idx ON lease6_history (address, started_at);
CREATE INDEX lease6_history_client_key_idx ON lease6_history (client_key, started_at);
CREATE INDEX lease6_history_duid_idx ON lease6_history (duid, started_at);
CREATE INDEX lease6_history_hostname_idx ON lease6_history (lower(hostname), started_at) WHERE hostname IS NOT NULL;
CREATE INDEX lease6_history_end_idx ON lease6_history ((coalesce(ended_at, expires_at)));

-- The journal's tag table is keyed (event_id, tag): finding a tag's newest event (the
-- projection's lag, GET /api/projection) would scan all of it for a tag with few events.
CREATE INDEX event_tag_tag_idx ON event_tag (tag, event_id);

-- How far each tag's projection has written: the journal ordering of the last event applied,
-- stored in the same transaction as the rows it produced.
CREATE TABLE lease_projection_offset (
    tag        text PRIMARY KEY,
    ordering   bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
