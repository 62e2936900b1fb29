-- H2 compares strings by code unit already; nothing to change (the PostgreSQL twin sets collation "C").
select 1;
