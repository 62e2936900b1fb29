-- Versioned definitions (ADR 0009): calendars and SLA policies move onto the shared kernel's table
-- shape. Each module keeps its own two tables; rows are kept as they are.
--   <table>          id, code, name_zh, name_en, organisation_id, built_in, based_on,
--                    current_version (number of the current version), version (optimistic lock),
--                    created_at, updated_at
--   <table>_version  definition_id, version, definition (JSON), derived (JSON, what the definition
--                    resolved to when written; null when the kind derives nothing), note (a system
--                    note key with arguments, or what a person typed), created_at, created_by

-- the optimistic lock starts where the version number stands, so that nothing read before the
-- upgrade is mistaken for current
alter table cal_calendar add column version integer default 1 not null;
update cal_calendar set version = current_version;
alter table cal_calendar_version rename column calendar_id to definition_id;
alter table cal_calendar_version rename column special_days to derived;

alter table sl_sla_policy add column version integer default 1 not null;
update sl_sla_policy set version = current_version;
-- a policy's kind is its preset's (or CUSTOM): no longer stored
alter table sl_sla_policy drop column kind;
alter table sl_sla_policy_version rename column policy_id to definition_id;
alter table sl_sla_policy_version add column derived varchar(60000);

-- year lists in system notes are list arguments now, shown with the reader's list separator
update cal_calendar_version set note = replace(note, '、', chr(31))
 where note like '@builtInSchedule|%' or note like '@schedule|%';
