-- A user trigger that writes elsewhere: as a plain role CLEAN's restore fires it too.
CREATE TABLE family (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE family_log (id serial PRIMARY KEY, family_id int NOT NULL, what text NOT NULL);
CREATE FUNCTION log_family() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO family_log (family_id, what) VALUES (COALESCE(NEW.id, OLD.id), TG_OP);
    RETURN NULL;
END $$;
CREATE TRIGGER logged AFTER INSERT OR UPDATE OR DELETE ON family FOR EACH ROW EXECUTE FUNCTION log_family();
INSERT INTO family VALUES (1, 'Rossi'), (2, 'Bianchi');
