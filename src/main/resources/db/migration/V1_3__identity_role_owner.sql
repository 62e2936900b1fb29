-- roles belong to the organisation that defined them: visible to that organisation's subtree and
-- (read-only) to the organisations below; built-in roles belong to nobody and are visible to all
alter table idn_role add column organisation_id bigint references idn_organisation (id);
create index ix_idn_role_organisation on idn_role (organisation_id);
-- roles created before ownership existed belong to the first top-level organisation
update idn_role set organisation_id = (select min(id) from idn_organisation where parent_id is null)
where built_in = false and organisation_id is null;
