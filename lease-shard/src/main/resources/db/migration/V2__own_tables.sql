-- This project's own tables beside the journal. IF NOT EXISTS: databases from before migrations
-- already have them (JournalSchema created the first, CarryOver the second).

-- Identities that belong to the service, not to a node: the DHCPv6 server DUID (ServerIdentityStore).
CREATE TABLE IF NOT EXISTS dhcp_server_identity (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Which journals of the first lease design were carried into partitions, and how many events (CarryOver).
CREATE TABLE IF NOT EXISTS dhcp_carry_over (
    marker TEXT PRIMARY KEY,
    events INT NOT NULL,
    done_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
