-- Users are found by phone number when they call the hotline (service desk caller lookup).
create index ix_idn_user_phone on idn_user (phone);
