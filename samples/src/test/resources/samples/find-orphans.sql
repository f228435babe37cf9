-- 06: a legacy schema whose FK was never declared; its data has drifted
CREATE TABLE post (id int PRIMARY KEY, title text NOT NULL);
CREATE TABLE comment (id int PRIMARY KEY, post_id int, body text NOT NULL);  -- post_id should reference post
CREATE TABLE orphaned_comment (LIKE comment);

INSERT INTO post VALUES (1, 'hello'), (2, 'again');
INSERT INTO comment VALUES
    (10, 1, 'nice'), (11, 2, 'agreed'), (12, 3, 'post 3 was deleted long ago'),
    (13, NULL, 'a comment on nothing yet'), (14, 4, 'post 4 too');
