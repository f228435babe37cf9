-- 05: products and the stock movements that point at them
CREATE TABLE product (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE stock_move (id int PRIMARY KEY,
    product_id int NOT NULL CONSTRAINT stock_move_product_fk REFERENCES product, qty int NOT NULL);
