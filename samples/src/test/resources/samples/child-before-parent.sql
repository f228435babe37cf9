-- 01: an order line must point at an existing order
CREATE TABLE customer_order (
    id    int PRIMARY KEY,
    buyer text NOT NULL
);
CREATE TABLE order_line (
    order_id int NOT NULL REFERENCES customer_order (id),
    line_no  int NOT NULL,
    item     text NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
