-- Notification routes (issue 11): how steps are grouped, claimed and retried.
-- pending_key is set while a groupable step (a route's FIRING or RESOLVED message) is pending and
-- cleared when it is sent or cancelled: its unique index keeps one pending step per route and kind,
-- whichever node adds an alert to it. step_key names a step that must exist once ever (a repeat
-- number of an alert, its escalation, a flapping notice): two nodes planning it create it once.
-- attempts counts sends that failed (the step is tried again later, and given up after a few).
alter table alr_notification add column pending_key varchar(200);
alter table alr_notification add column step_key varchar(200);
alter table alr_notification add column attempts integer not null default 0;
create unique index ux_alr_notification_pending on alr_notification (pending_key);
create unique index ux_alr_notification_step on alr_notification (step_key);
create index ix_alr_notification_route on alr_notification (route_id, kind, status, sent_at);
