-- For the property test: a composite parent referenced MATCH SIMPLE and MATCH FULL, and a one-column FK.
CREATE TABLE p (a int, b text, PRIMARY KEY (a, b));
CREATE TABLE simple_child (id serial PRIMARY KEY, a int, b text,
    CONSTRAINT simple_fkey FOREIGN KEY (a, b) REFERENCES p (a, b));
CREATE TABLE full_child (id serial PRIMARY KEY, a int, b text,
    CONSTRAINT full_fkey FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL);
CREATE TABLE single_parent (a int PRIMARY KEY);
CREATE TABLE single_child (id serial PRIMARY KEY, a int CONSTRAINT single_fkey REFERENCES single_parent (a));
