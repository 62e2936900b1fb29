-- Prefix search compares name_lower by code point (name_lower >= p and name_lower < p'), which the
-- "C" collation guarantees whatever collation the database has; sorting for people uses "name".
alter table cmdb_ci alter column name_lower type varchar(200) collate "C";
