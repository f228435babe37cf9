-- Every way an orphan gets into PostgreSQL, one table each (see dev.refcheck.orphans tests).
CREATE TABLE warehouse (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO warehouse VALUES (1, 'north'), (2, 'south');

CREATE TABLE product (sku text PRIMARY KEY);
INSERT INTO product VALUES ('tea'), ('cake');

CREATE TABLE bin (
    warehouse_id int NOT NULL REFERENCES warehouse (id),
    code text NOT NULL,
    PRIMARY KEY (warehouse_id, code)
);
INSERT INTO bin VALUES (1, 'A'), (1, 'B'), (2, 'A');

-- composite MATCH SIMPLE: a null column exempts the row
CREATE TABLE stock (
    id int PRIMARY KEY,
    warehouse_id int,
    bin_code text,
    sku text,
    CONSTRAINT stock_bin_fkey FOREIGN KEY (warehouse_id, bin_code) REFERENCES bin (warehouse_id, code),
    CONSTRAINT stock_sku_fkey FOREIGN KEY (sku) REFERENCES product (sku)
);

-- composite MATCH FULL: all null is fine, a mix is a violation
CREATE TABLE movement (
    id int PRIMARY KEY,
    warehouse_id int,
    bin_code text,
    CONSTRAINT movement_bin_fkey FOREIGN KEY (warehouse_id, bin_code) REFERENCES bin (warehouse_id, code) MATCH FULL
);

-- a legacy table whose FK was added NOT VALID over rows that were already orphans
CREATE TABLE legacy_order (id int PRIMARY KEY, warehouse_id int);
INSERT INTO legacy_order VALUES (1, 1), (2, 99), (3, 98);
ALTER TABLE legacy_order ADD CONSTRAINT legacy_order_warehouse_fkey
    FOREIGN KEY (warehouse_id) REFERENCES warehouse (id) NOT VALID;

-- a relation nobody declared: review.product_sku -> product.sku
CREATE TABLE review (id int PRIMARY KEY, product_sku text);

-- checked only at commit
CREATE TABLE shipment (
    id int PRIMARY KEY,
    warehouse_id int CONSTRAINT shipment_warehouse_fkey REFERENCES warehouse (id) DEFERRABLE INITIALLY DEFERRED
);

-- names that need quoting
CREATE TABLE "Order" ("Id" int PRIMARY KEY);
CREATE TABLE "Order Line" (
    "Order Id" int CONSTRAINT "Order Line → Order" REFERENCES "Order" ("Id"),
    "E-mail" text
);

-- not a FK, but deferred too: a rolled-back test never checks it either
CREATE TABLE seat (n int CONSTRAINT seat_n_key UNIQUE DEFERRABLE INITIALLY DEFERRED);
