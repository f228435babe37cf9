CREATE TABLE slot (
    shelf_id int REFERENCES shelve (id)
);
