-- The name-prefix search (type-ahead) reads a range of name_lower; carrying the columns the list
-- filters and sorts by lets the database answer it, and its count, from this index alone.
drop index ix_cmdb_ci_name;
create index ix_cmdb_ci_name_prefix on cmdb_ci (name_lower, status, name, id, class_id, organisation_id);
