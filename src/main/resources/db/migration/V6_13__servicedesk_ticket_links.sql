-- Links between tickets (关联工单, service desk issue 9). sd_ticket_link (V6_5) held only COMPLAINT
-- (ticket_id is a complaint about other_id); it now holds every kind, each link stored once and
-- read from both sides, "ticket_id <kind> other_id":
--   RELATED    related (symmetric: stored with the smaller id as ticket_id)
--   DUPLICATE  ticket_id duplicates other_id (the original)
--   PARENT     ticket_id is the parent of other_id (a ticket has at most one parent, no cycles)
--   CAUSED_BY  ticket_id was caused by other_id (many incidents caused by one)
--   COMPLAINT  ticket_id is a complaint about other_id (written by the portal only)
-- The service refuses a second link of the same kind between two tickets either way round.
-- Lookups from the other side ask for one kind (the parent of a ticket, the open complaint about it).
create index ix_sd_ticket_link_other_kind on sd_ticket_link (other_id, kind);
drop index ix_sd_ticket_link_other;
