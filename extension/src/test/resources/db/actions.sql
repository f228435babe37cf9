-- One child table per referential action, all pointing at the same parent table; each child table references
-- its own parent rows (cascades: 1, nulls: 2, ...), so changing one parent exercises exactly one FK.
-- Used by refcheck's assertion tests.
CREATE TABLE parent (
    id int PRIMARY KEY,
    region text NOT NULL,
    code text NOT NULL,
    UNIQUE (region, code)
);
INSERT INTO parent SELECT i, 'eu', 'c' || i FROM generate_series(0, 9) i;

CREATE TABLE cascades (
    id int PRIMARY KEY,
    parent_id int NOT NULL,
    CONSTRAINT cascades_parent_fk FOREIGN KEY (parent_id) REFERENCES parent ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE nulls (
    id int PRIMARY KEY,
    parent_id int,
    CONSTRAINT nulls_parent_fk FOREIGN KEY (parent_id) REFERENCES parent ON DELETE SET NULL ON UPDATE SET NULL
);
CREATE TABLE defaults (
    id int PRIMARY KEY,
    parent_id int NOT NULL DEFAULT 0,
    CONSTRAINT defaults_parent_fk FOREIGN KEY (parent_id) REFERENCES parent
        ON DELETE SET DEFAULT ON UPDATE SET DEFAULT
);
CREATE TABLE restricts (
    id int PRIMARY KEY,
    parent_id int NOT NULL,
    CONSTRAINT restricts_parent_fk FOREIGN KEY (parent_id) REFERENCES parent ON DELETE RESTRICT ON UPDATE RESTRICT
);
CREATE TABLE no_actions (
    id int PRIMARY KEY,
    parent_id int NOT NULL,
    CONSTRAINT no_actions_parent_fk FOREIGN KEY (parent_id) REFERENCES parent
);
CREATE TABLE deferred (
    id int PRIMARY KEY,
    parent_id int NOT NULL,
    CONSTRAINT deferred_parent_fk FOREIGN KEY (parent_id) REFERENCES parent DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE composite (
    id int PRIMARY KEY,
    region text NOT NULL,
    code text NOT NULL,
    CONSTRAINT composite_parent_fk FOREIGN KEY (region, code) REFERENCES parent (region, code) ON UPDATE CASCADE
);
CREATE INDEX composite_region_code ON composite (region, code);
CREATE TABLE wide (
    id int PRIMARY KEY,
    parent_id bigint NOT NULL,
    CONSTRAINT wide_parent_fk FOREIGN KEY (parent_id) REFERENCES parent
);

INSERT INTO cascades VALUES (10, 1), (11, 1), (12, 9);
INSERT INTO nulls VALUES (10, 2), (11, 2), (12, 9);
INSERT INTO defaults VALUES (10, 3), (11, 3), (12, 9);
INSERT INTO restricts VALUES (10, 4);
INSERT INTO no_actions VALUES (10, 5);
INSERT INTO deferred VALUES (10, 6);
INSERT INTO composite VALUES (10, 'eu', 'c7');
INSERT INTO wide VALUES (10, 8);
