-- For CLEAN tests of the audit: no NOT VALID constraint over seeded orphans, since CLEAN's clean-up
-- re-inserts seeded rows and such a constraint rejects them (reported to the integrator).
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

CREATE TABLE stock (
    id int PRIMARY KEY,
    warehouse_id int,
    bin_code text,
    sku text,
    CONSTRAINT stock_bin_fkey FOREIGN KEY (warehouse_id, bin_code) REFERENCES bin (warehouse_id, code),
    CONSTRAINT stock_sku_fkey FOREIGN KEY (sku) REFERENCES product (sku)
);

CREATE TABLE review (id int PRIMARY KEY, product_sku text);
