-- Service levels (issue 8).

-- One recomputation of the effective levels at a time, on every node: it locks this row.
create table sl_level_recompute (
    id  integer primary key
);
insert into sl_level_recompute (id) values (1);

-- A level change inherited along a chain names the graded system at its end; the history's text
-- is written from the cause and these ids in the reader's language (no stored sentences).
alter table sl_level_history add column origin_system_id bigint;
update sl_level_history set detail = null;

-- One pending proposal per system, kept by the database: pending_system_id is the system's id
-- while the proposal is pending and null once it is closed (portable: H2 has no partial index,
-- and both databases allow many nulls in a unique column). Should a system hold two pending
-- proposals from before this constraint, the newer stays pending and the older is withdrawn.
alter table sl_grading add column pending_system_id bigint;
update sl_grading set status = 'WITHDRAWN', decided_at = current_timestamp
where status = 'PENDING' and id not in (select max(g.id) from sl_grading g where g.status = 'PENDING' group by g.system_id);
update sl_grading set pending_system_id = system_id where status = 'PENDING';
alter table sl_grading add constraint uk_sl_grading_pending_system unique (pending_system_id);
