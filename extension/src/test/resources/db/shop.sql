-- A small shop: seeded countries, customers with a serial key, orders, composite order lines.
CREATE TABLE country (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO country VALUES ('FR', 'France'), ('DE', 'Germany');

CREATE TABLE customer (
    id serial PRIMARY KEY,
    name text NOT NULL,
    country char(2) NOT NULL REFERENCES country (code)
);

CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customer (id),
    placed date NOT NULL DEFAULT current_date
);

CREATE TABLE order_line (
    order_id bigint NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
    line int NOT NULL,
    product text NOT NULL,
    PRIMARY KEY (order_id, line)
);
