-- 20 tables, 25 foreign keys: the per-test reset benchmark's schema (docs/benchmarks/foundation.md).
-- Table tNN references t(NN-1); t04, t07, t10, t13, t16, t19 also reference t(NN-2).
CREATE TABLE t01 (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE t02 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p01 bigint NOT NULL REFERENCES t01 (id)
);
CREATE INDEX ON t02 (p01);
CREATE TABLE t03 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p02 bigint NOT NULL REFERENCES t02 (id)
);
CREATE INDEX ON t03 (p02);
CREATE TABLE t04 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p03 bigint NOT NULL REFERENCES t03 (id),
    q02 bigint REFERENCES t02 (id)
);
CREATE INDEX ON t04 (p03);
CREATE TABLE t05 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p04 bigint NOT NULL REFERENCES t04 (id)
);
CREATE INDEX ON t05 (p04);
CREATE TABLE t06 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p05 bigint NOT NULL REFERENCES t05 (id)
);
CREATE INDEX ON t06 (p05);
CREATE TABLE t07 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p06 bigint NOT NULL REFERENCES t06 (id),
    q05 bigint REFERENCES t05 (id)
);
CREATE INDEX ON t07 (p06);
CREATE TABLE t08 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p07 bigint NOT NULL REFERENCES t07 (id)
);
CREATE INDEX ON t08 (p07);
CREATE TABLE t09 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p08 bigint NOT NULL REFERENCES t08 (id)
);
CREATE INDEX ON t09 (p08);
CREATE TABLE t10 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p09 bigint NOT NULL REFERENCES t09 (id),
    q08 bigint REFERENCES t08 (id)
);
CREATE INDEX ON t10 (p09);
CREATE TABLE t11 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p10 bigint NOT NULL REFERENCES t10 (id)
);
CREATE INDEX ON t11 (p10);
CREATE TABLE t12 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p11 bigint NOT NULL REFERENCES t11 (id)
);
CREATE INDEX ON t12 (p11);
CREATE TABLE t13 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p12 bigint NOT NULL REFERENCES t12 (id),
    q11 bigint REFERENCES t11 (id)
);
CREATE INDEX ON t13 (p12);
CREATE TABLE t14 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p13 bigint NOT NULL REFERENCES t13 (id)
);
CREATE INDEX ON t14 (p13);
CREATE TABLE t15 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p14 bigint NOT NULL REFERENCES t14 (id)
);
CREATE INDEX ON t15 (p14);
CREATE TABLE t16 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p15 bigint NOT NULL REFERENCES t15 (id),
    q14 bigint REFERENCES t14 (id)
);
CREATE INDEX ON t16 (p15);
CREATE TABLE t17 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p16 bigint NOT NULL REFERENCES t16 (id)
);
CREATE INDEX ON t17 (p16);
CREATE TABLE t18 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p17 bigint NOT NULL REFERENCES t17 (id)
);
CREATE INDEX ON t18 (p17);
CREATE TABLE t19 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p18 bigint NOT NULL REFERENCES t18 (id),
    q17 bigint REFERENCES t17 (id)
);
CREATE INDEX ON t19 (p18);
CREATE TABLE t20 (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    p19 bigint NOT NULL REFERENCES t19 (id)
);
CREATE INDEX ON t20 (p19);
