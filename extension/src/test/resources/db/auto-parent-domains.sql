-- Parents whose NOT NULL columns are of domain types: auto-parents fill them by the domain's base type.
CREATE DOMAIN email AS varchar(60);
CREATE TYPE mood AS ENUM ('calm', 'loud');
CREATE DOMAIN house_mood AS mood;
CREATE DOMAIN stars AS smallint CHECK (VALUE BETWEEN 2 AND 5);
CREATE TABLE reviewer (id int PRIMARY KEY, email email NOT NULL UNIQUE, mood house_mood NOT NULL);
CREATE TABLE review (id int PRIMARY KEY, reviewer_id int NOT NULL REFERENCES reviewer);
CREATE TABLE critic (id int PRIMARY KEY, stars stars NOT NULL);
CREATE TABLE verdict (id int PRIMARY KEY, critic_id int NOT NULL REFERENCES critic);
