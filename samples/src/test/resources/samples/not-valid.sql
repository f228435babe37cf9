-- 07: deliveries and their suppliers, with a named constraint to drop and add back
CREATE TABLE supplier (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE delivery (id int PRIMARY KEY, supplier_id int NOT NULL,
    CONSTRAINT delivery_supplier_fk FOREIGN KEY (supplier_id) REFERENCES supplier);
INSERT INTO supplier VALUES (1, 'Acme'), (2, 'Globex');
INSERT INTO delivery VALUES (100, 1), (101, 2);
