-- 14: reference data every test points at: currencies, countries, and the orders tests write
CREATE TABLE currency (code char(3) PRIMARY KEY, name text NOT NULL);
CREATE TABLE country (code char(2) PRIMARY KEY, name text NOT NULL,
    currency char(3) NOT NULL CONSTRAINT country_currency_fk REFERENCES currency);
CREATE TABLE purchase (id int PRIMARY KEY,
    country char(2) NOT NULL CONSTRAINT purchase_country_fk REFERENCES country ON DELETE CASCADE,
    amount numeric(10, 2) NOT NULL);
