\restrict AbCdEf0123456789
--
-- PostgreSQL database dump: the shapes pg_dump writes, and a few it could
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

/* a block comment /* nested; with semicolons; */ still comment; */

CREATE TABLE public."odd;name" (
    id integer NOT NULL,
    "semi;colon" text,
    note text DEFAULT E'it\'s; escaped\\',
    CONSTRAINT "odd;name_pkey" PRIMARY KEY (id)
);

CREATE FUNCTION public.outer_fn() RETURNS text
    LANGUAGE plpgsql
    AS $outer$
BEGIN
    EXECUTE $inner$SELECT 'a;b'$inner$;
    RETURN $$nested; $ dollar$$ || ';';
END;
$outer$;

CREATE FUNCTION public.atomic_fn(x integer) RETURNS text
    LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN x > 0 THEN 'positive;' ELSE 'other;' END;
END;

COPY public."odd;name" (id, "semi;colon", note) FROM stdin;
1	a;b	\N
2	tab\there	line; with semicolon
\.

INSERT INTO public."odd;name" (id) VALUES (3);

\unrestrict AbCdEf0123456789
