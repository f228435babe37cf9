-- Triggers that write to each other's table whenever a row goes: a restore without the replica role never ends.
CREATE TABLE ping (id serial PRIMARY KEY, note text);
CREATE TABLE pong (id serial PRIMARY KEY, note text);
CREATE FUNCTION to_pong() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO pong (note) VALUES ('from ping'); RETURN NULL; END $$;
CREATE FUNCTION to_ping() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO ping (note) VALUES ('from pong'); RETURN NULL; END $$;
CREATE TRIGGER gone AFTER DELETE ON ping FOR EACH ROW EXECUTE FUNCTION to_pong();
CREATE TRIGGER gone AFTER DELETE ON pong FOR EACH ROW EXECUTE FUNCTION to_ping();
