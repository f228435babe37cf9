-- 03: cities follow a renamed country code; visas must not be left behind
CREATE TABLE country (code char(2) PRIMARY KEY, name text NOT NULL);
CREATE TABLE city (id int PRIMARY KEY, name text NOT NULL,
    country_code char(2) NOT NULL REFERENCES country ON UPDATE CASCADE);
CREATE TABLE visa (id int PRIMARY KEY, country_code char(2) NOT NULL REFERENCES country);
INSERT INTO country VALUES ('UK', 'United Kingdom'), ('FR', 'France');
