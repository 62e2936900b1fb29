-- the user list sorts by these columns; with an index a page needs no full sort
create index ix_idn_user_display_name on idn_user (display_name);
create index ix_idn_user_last_login on idn_user (last_login_at);
create index ix_idn_user_created on idn_user (created_at);
