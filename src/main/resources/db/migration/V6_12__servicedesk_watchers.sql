-- People who follow a ticket without working on it (关注): they hear what happens to it.
create table sd_ticket_watcher (
    ticket_id  bigint not null references sd_ticket (id),
    user_id    bigint not null,
    added_by   bigint,
    added_at   timestamp with time zone not null,
    primary key (ticket_id, user_id)
);
create index ix_sd_ticket_watcher_user on sd_ticket_watcher (user_id);
