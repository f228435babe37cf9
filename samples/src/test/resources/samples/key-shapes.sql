-- 08: keys of every shape
CREATE TABLE airport (id int PRIMARY KEY, iata char(3) NOT NULL UNIQUE);
-- two FKs to the same parent, both to its UNIQUE column rather than its primary key
CREATE TABLE flight (id int PRIMARY KEY,
    origin char(3) NOT NULL REFERENCES airport (iata),
    destination char(3) NOT NULL REFERENCES airport (iata));
CREATE TABLE seat (flight_id int REFERENCES flight, seat_no text, PRIMARY KEY (flight_id, seat_no));
-- a composite FK: the pair must exist together
CREATE TABLE boarding_pass (id int PRIMARY KEY, flight_id int NOT NULL, seat_no text NOT NULL,
    FOREIGN KEY (flight_id, seat_no) REFERENCES seat);
-- a self-reference: the top of the hierarchy has no manager
CREATE TABLE employee (id int PRIMARY KEY, name text NOT NULL, manager_id int REFERENCES employee);

INSERT INTO airport VALUES (1, 'FCO'), (2, 'CDG');
