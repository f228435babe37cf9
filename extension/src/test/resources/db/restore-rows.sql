-- What CLEAN must put back row by row: every referential action, key changes, values that equality calls the
-- same (interval, numeric scale, also in a key) or cannot compare (json, point), identity and serial keys, a
-- generated column, a table without a key, a unique column a test can leave crossed between rows, and a table
-- seeded empty.
CREATE TABLE artist (id int PRIMARY KEY, name text NOT NULL UNIQUE, meta json, spot point, span interval,
                     price numeric);
CREATE TABLE album (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    artist_id int NOT NULL REFERENCES artist ON DELETE CASCADE ON UPDATE CASCADE,
                    title text NOT NULL, shout text GENERATED ALWAYS AS (upper(title)) STORED);
CREATE TABLE review (id serial PRIMARY KEY, album_id int REFERENCES album ON DELETE SET NULL, body text);
CREATE TABLE tag (album_id int NOT NULL REFERENCES album ON DELETE CASCADE, label text NOT NULL);
CREATE TABLE playlist (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE playlist_album (playlist_id int REFERENCES playlist, album_id int REFERENCES album ON DELETE CASCADE,
                             PRIMARY KEY (playlist_id, album_id));
CREATE TABLE note (id int PRIMARY KEY, body text);
CREATE TABLE rate (amount numeric PRIMARY KEY, label text);

INSERT INTO artist VALUES (1, 'Ada', '{"a": 1}', '(1,2)', '1 day', 1.0), (2, 'Bea', NULL, NULL, NULL, NULL),
                          (3, 'Cy', '[]', '(0,0)', '2 hours', 2.50), (4, 'Di', '{}', '(3,4)', '1 mon', 0),
                          (6, 'Fay', NULL, NULL, NULL, 6), (7, 'Gus', NULL, NULL, NULL, 7);
INSERT INTO album (artist_id, title) VALUES (1, 'one'), (1, 'two'), (2, 'three'), (3, 'four');
INSERT INTO review (album_id, body) VALUES (1, 'fine'), (3, 'loud'), (4, 'quiet');
INSERT INTO tag VALUES (1, 'jazz'), (4, 'rock'), (4, 'live'), (1, 'folk');
INSERT INTO playlist VALUES (1, 'mix');
INSERT INTO playlist_album VALUES (1, 1), (1, 3), (1, 4);
INSERT INTO rate VALUES (1.0, 'one'), (2, 'two');
