-- Partition maintenance needs an ACCESS EXCLUSIVE lock on events (DETACH, CREATE ... PARTITION OF), which waits
-- behind every open read of events (a long export, say), and every write of the ingest service then waits behind
-- it: writes stalled past their timeout while /readyz said ready. Maintenance gives up after 2 s instead (SQLSTATE
-- 55P03) and is tried again at its next run; months are made several ahead, so a missed run costs nothing.
ALTER FUNCTION auditrail_maintain_partitions(int, int, boolean) SET lock_timeout = '2s';
