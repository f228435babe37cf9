-- 09: a team needs a captain, a player needs a team: a cycle only a deferred check can load
CREATE TABLE team (id int PRIMARY KEY, name text NOT NULL, captain_id int NOT NULL);
CREATE TABLE player (id int PRIMARY KEY, name text NOT NULL,
    team_id int NOT NULL CONSTRAINT player_team_fk REFERENCES team DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE team ADD CONSTRAINT team_captain_fk
    FOREIGN KEY (captain_id) REFERENCES player DEFERRABLE INITIALLY DEFERRED;
