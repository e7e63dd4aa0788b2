-- People who sign in to the dashboard. Each belongs to one account and sees only its keys.
create table dashboard_users (
    id            uuid         primary key,
    account_id    uuid         not null references accounts (id),
    -- Stored lower-cased: one user per address, however it is typed at login.
    email         varchar(254) not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
    -- Spring Security's DelegatingPasswordEncoder format: {bcrypt}$2a$... (the prefix names the algorithm).
    password_hash varchar(255) not null check (password_hash ~ '^\{[a-z0-9]+\}'),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);

create index dashboard_users_account on dashboard_users (account_id);
