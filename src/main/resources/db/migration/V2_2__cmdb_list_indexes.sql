-- The CI list pages through tens of thousands of CIs sorted by name or by last change, filtered by
-- status, class and organisation. These indexes carry every column those queries read, so a page
-- (and its count) is answered from the index alone, however deep the page.
drop index ix_cmdb_ci_updated;
drop index ix_cmdb_ci_class;
create index ix_cmdb_ci_list_name on cmdb_ci (name, id, status, class_id, organisation_id);
create index ix_cmdb_ci_list_updated on cmdb_ci (updated_at desc, name, id, status, class_id, organisation_id);
create index ix_cmdb_ci_list_class on cmdb_ci (class_id, name, id, status, organisation_id);
create index ix_cmdb_ci_list_class_updated on cmdb_ci (class_id, updated_at desc, name, id, status, organisation_id);
create index ix_cmdb_ci_list_status on cmdb_ci (status, organisation_id, class_id);
