-- SLA warnings and breaches are told to people after the sweep records them: the alerts not yet
-- told are read in order and marked when their notices are written (SlaAlertNotifier), so that the
-- sweep stays quick and every alert is told once.
alter table sd_timer_alert add column notified_at timestamp with time zone;
-- what was recorded before this column is not told again
update sd_timer_alert set notified_at = fired_at;
create index ix_sd_timer_alert_unnotified on sd_timer_alert (notified_at, id);
