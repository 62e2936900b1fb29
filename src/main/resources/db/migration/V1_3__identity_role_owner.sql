-- roles belong to the organisation that defined them: visible to that organisation's subtree and
-- (read-only) to the organisations below; built-in roles belong to nobody and are visible to all
alter table idn_role add column organisation_id bigint references idn_organisation (id);
create index ix_idn_role_organisation on idn_role (organisation_id);
