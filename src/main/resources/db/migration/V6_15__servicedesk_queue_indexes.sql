-- The queues "mine" and "my groups" under a data scope (ADR 0010 §10): the scope's organisations
-- join the assignee's and the group's indexes, so that a database that picks one index per table
-- (H2) does not read every open ticket of the scope to find one group's or one engineer's.
drop index if exists ix_sd_open_assignee;
drop index if exists ix_sd_open_group;
create index ix_sd_open_assignee on sd_open_ticket (assignee_id, organisation_id, due_at);
create index ix_sd_open_group on sd_open_ticket (group_id, organisation_id, due_at);
