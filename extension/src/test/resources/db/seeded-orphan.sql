-- A schema whose own rows include an orphan that a NOT VALID FK lets stand (legacy data).
CREATE TABLE team (id int PRIMARY KEY);
CREATE TABLE player (id int PRIMARY KEY, team_id int);
INSERT INTO team VALUES (1);
INSERT INTO player VALUES (10, 1), (11, 99);
ALTER TABLE player ADD CONSTRAINT player_team_fk FOREIGN KEY (team_id) REFERENCES team NOT VALID;
