-- Seeded parents and children, one FK with ON DELETE CASCADE: what CLEAN must put back, and leave alone.
CREATE TABLE family (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE member (id int PRIMARY KEY, family_id int NOT NULL REFERENCES family ON DELETE CASCADE, name text);
INSERT INTO family VALUES (1, 'Rossi'), (2, 'Bianchi');
INSERT INTO member VALUES (10, 1, 'Ada'), (11, 2, 'Bea');
