-- 10: the tables behind a small shop repository
CREATE TABLE customer (id int PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE purchase (id int PRIMARY KEY,
    customer_id int NOT NULL CONSTRAINT purchase_customer_fk REFERENCES customer, item text NOT NULL);
INSERT INTO customer VALUES (1, 'ada@example.com');
