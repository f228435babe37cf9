-- 02: one parent, one child table per referential action
CREATE TABLE account (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO account VALUES (0, 'deleted user');

CREATE TABLE invoice (id int PRIMARY KEY, account_id int NOT NULL REFERENCES account);  -- NO ACTION, the default
CREATE TABLE login (id int PRIMARY KEY, account_id int NOT NULL REFERENCES account ON DELETE CASCADE);
CREATE TABLE ticket (id int PRIMARY KEY, assignee_id int REFERENCES account ON DELETE SET NULL);
CREATE TABLE post (id int PRIMARY KEY, author_id int NOT NULL DEFAULT 0 REFERENCES account ON DELETE SET DEFAULT);

-- both deferred: NO ACTION waits for the commit, RESTRICT never waits
CREATE TABLE draft (id int PRIMARY KEY,
    account_id int NOT NULL REFERENCES account ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE audit_entry (id int PRIMARY KEY,
    account_id int NOT NULL REFERENCES account ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED);
