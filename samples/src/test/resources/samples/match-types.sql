-- 04: a nullable FK, and one composite FK declared twice: MATCH SIMPLE (the default) and MATCH FULL
CREATE TABLE shelf (site text, bin int, PRIMARY KEY (site, bin));
INSERT INTO shelf VALUES ('north', 1);
CREATE TABLE courier (id int PRIMARY KEY);

CREATE TABLE parcel_simple (id int PRIMARY KEY, site text, bin int,
    courier_id int REFERENCES courier,
    CONSTRAINT parcel_simple_shelf_fk FOREIGN KEY (site, bin) REFERENCES shelf MATCH SIMPLE);
CREATE TABLE parcel_full (id int PRIMARY KEY, site text, bin int,
    CONSTRAINT parcel_full_shelf_fk FOREIGN KEY (site, bin) REFERENCES shelf MATCH FULL);
