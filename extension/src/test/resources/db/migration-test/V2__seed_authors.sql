-- a migration that seeds rows: the template keeps them, every test starts with them
INSERT INTO author (name) VALUES ('Ursula K. Le Guin'), ('Italo Calvino');
