-- 11: product is referenced from its own schema, from another schema, and from a partitioned table
CREATE TABLE product (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE review (id int PRIMARY KEY, product_id int NOT NULL REFERENCES product);
CREATE TABLE bundle_item (bundle_id int REFERENCES product, item_id int REFERENCES product,
    PRIMARY KEY (bundle_id, item_id));
CREATE SCHEMA billing;
CREATE TABLE billing.invoice_line (id int PRIMARY KEY, product_id int REFERENCES product);
CREATE TABLE sale (id int, product_id int NOT NULL REFERENCES product, sold_on date NOT NULL)
    PARTITION BY RANGE (sold_on);
CREATE TABLE sale_2025 PARTITION OF sale FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE sale_2026 PARTITION OF sale FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- not about product: must not show up
CREATE TABLE tag (id int PRIMARY KEY, parent_id int REFERENCES tag);
