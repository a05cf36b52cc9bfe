-- Kaohe's first schema. One table per thing the store keeps; records stay whole in jsonb (exactly
-- what the store contract hands back), beside the columns that lists and lookups filter on.

create table appraisals (
  id text primary key,
  period text not null,
  employee_id text not null,
  status text not null,
  revision integer not null,
  record jsonb not null
);
-- listAppraisals filters by period or employee and pages by id.
create index appraisals_period on appraisals (period, id);
create index appraisals_employee on appraisals (employee_id, id);

-- Who must act on an appraisal now (the record's `assignees`), one row each: listTasks and
-- countTasks read this primary key's range for one person, in id order, and never scan appraisals.
create table appraisal_assignees (
  user_id text not null,
  appraisal_id text not null references appraisals (id) on delete cascade,
  primary key (user_id, appraisal_id)
);
create index appraisal_assignees_appraisal on appraisal_assignees (appraisal_id);

-- The append-only audit log: a hash chain (prev_hash → hash, as every Kaohe store keeps it) and each
-- event's HMAC-SHA256 seal under the server's audit key, so a chain rewritten by someone who can
-- write to the database but does not hold the key is still caught.
create table audit (
  seq bigint primary key,
  appraisal_id text not null,
  event jsonb not null,
  prev_hash text not null,
  hash text not null,
  seal text not null
);
create index audit_appraisal on audit (appraisal_id, seq);

-- The log's last event, one row, sealed too (a log cut short at its end is caught). An append locks
-- this row for the rest of its transaction only: it is what orders appends, and nothing else is.
create table audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash text not null,
  seal text not null
);

create table drafts (
  appraisal_id text not null,
  user_id text not null,
  draft jsonb not null,
  primary key (appraisal_id, user_id)
);

-- A stored rubric version never changes (appraisals pin it).
create table rubrics (
  id text not null,
  version integer not null,
  content jsonb not null,
  primary key (id, version)
);

-- The intranet's directory as its backend last sent it.
create table directory_people (
  id text primary key,
  person jsonb not null
);
create table directory_delegations (
  position integer primary key,
  delegation jsonb not null
);
