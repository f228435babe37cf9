package dev.refcheck.assertj;

import dev.refcheck.internal.Sql;
import dev.refcheck.schema.ForeignKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes a {@link ParentChange} in the database and watches the referencing rows, inside a savepoint that is
 * always rolled back so the test's data is as it was. Counting rows before and after tells the actions apart
 * without trusting the catalog: that is the point of checking behaviour.
 */
final class ParentChangeProbe {

    enum Result {
        CASCADED, SET_NULL, SET_DEFAULT, REFUSED, REFUSED_AT_COMMIT, NOT_CHECKED, KEY_PUT_BACK, FAILED, NO_PARENT,
        NO_REFERENCES
    }

    /** How the change is made. */
    enum Mode {
        /** As the schema stands. */
        AS_IS,
        /** With the FK's check deferred, made DEFERRABLE inside the savepoint if it is not. */
        DEFERRED,
        /** A delete that puts the same row back in the same statement, before the end-of-statement check. */
        PUT_BACK
    }

    /**
     * @param referencing rows of the child referencing the key before the change
     * @param affected rows deleted (cascade on delete) or changed
     */
    record Outcome(Result result, int referencing, int affected, ForeignKeyViolation violation, SQLException error) {

        static Outcome of(Result result, int referencing) {
            return new Outcome(result, referencing, 0, null, null);
        }
    }

    private final ParentChange change;
    private final ForeignKey fk;
    private final Connection connection;
    private final List<ForeignKey> setAside;
    private List<String> types;

    /** @param setAside other FKs to the same parent, dropped inside the savepoint so they cannot get in the way */
    ParentChangeProbe(ParentChange change, List<ForeignKey> setAside) {
        this.change = change;
        this.fk = change.foreignKey();
        this.connection = change.connection();
        this.setAside = List.copyOf(setAside);
    }

    /**
     * What the change does in {@code mode}. DEFERRED tells RESTRICT from NO ACTION for any FK: NO ACTION lets the
     * change through until the check runs, RESTRICT refuses it at once (its trigger stays immediate whatever the
     * constraint says); a FK that is not DEFERRABLE is made so inside the savepoint, DDL being transactional.
     * PUT_BACK tells them apart without DDL for a delete: NO ACTION's check at the end of the statement finds the
     * key again, RESTRICT does not look.
     */
    Outcome run(Mode mode) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            for (ForeignKey other : setAside) {
                exec("ALTER TABLE " + other.child().sql() + " DROP CONSTRAINT " + Sql.quote(other.name()));
            }
            if (mode == Mode.DEFERRED) {
                if (!fk.deferrable()) {
                    exec("ALTER TABLE " + fk.child().sql() + " ALTER CONSTRAINT " + Sql.quote(fk.name())
                            + " DEFERRABLE");
                }
                exec("SET CONSTRAINTS " + constraint() + " DEFERRED");
            }
            return probe(mode == Mode.PUT_BACK);
        } finally {
            connection.rollback(savepoint);
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private Outcome probe(boolean putBack) throws SQLException {
        types = parentTypes();
        if (count(fk.parent().sql(), fk.parentColumns(), change.key()) == 0) {
            return Outcome.of(Result.NO_PARENT, 0);
        }
        int referencing = count(fk.child().sql(), fk.childColumns(), change.key());
        if (referencing == 0) {
            return Outcome.of(Result.NO_REFERENCES, 0);
        }
        List<String> nulled = change.operation() == ParentChange.Operation.DELETE && !fk.onDeleteSetColumns().isEmpty()
                ? fk.onDeleteSetColumns() : fk.childColumns();
        int totalBefore = count(fk.child().sql(), List.of(), List.of());
        int nullBefore = countNull(nulled);
        int newBefore = change.newKey().isEmpty() ? 0 : count(fk.child().sql(), fk.childColumns(), change.newKey());

        Optional<Outcome> refused = attempt(referencing, putBack);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (putBack) {
            return Outcome.of(Result.KEY_PUT_BACK, referencing);
        }
        int remaining = count(fk.child().sql(), fk.childColumns(), change.key());
        if (remaining > 0) {
            return checkNow(referencing);
        }
        int totalAfter = count(fk.child().sql(), List.of(), List.of());
        if (totalAfter < totalBefore) {
            return new Outcome(Result.CASCADED, referencing, totalBefore - totalAfter, null, null);
        }
        if (!change.newKey().isEmpty()
                && count(fk.child().sql(), fk.childColumns(), change.newKey()) - newBefore == referencing) {
            return new Outcome(Result.CASCADED, referencing, referencing, null, null);
        }
        int nullAfter = countNull(nulled);
        Result result = nullAfter - nullBefore == referencing ? Result.SET_NULL : Result.SET_DEFAULT;
        return new Outcome(result, referencing, referencing, null, null);
    }

    /** The change itself, in its own savepoint so a refusal leaves the transaction usable without autosave. */
    private Optional<Outcome> attempt(int referencing, boolean putBack) throws SQLException {
        Savepoint statement = connection.setSavepoint();
        try {
            execute(putBack);
            connection.releaseSavepoint(statement);
            return Optional.empty();
        } catch (SQLException e) {
            connection.rollback(statement);
            return Optional.of(failure(e, Result.REFUSED, referencing));
        }
    }

    /** The referencing rows survived the change: the check is deferred; run it now as a commit would. */
    private Outcome checkNow(int referencing) throws SQLException {
        Savepoint statement = connection.setSavepoint();
        try {
            exec("SET CONSTRAINTS " + constraint() + " IMMEDIATE");
            connection.releaseSavepoint(statement);
            return Outcome.of(Result.NOT_CHECKED, referencing);
        } catch (SQLException e) {
            connection.rollback(statement);
            return failure(e, Result.REFUSED_AT_COMMIT, referencing);
        }
    }

    private static Outcome failure(SQLException e, Result refused, int referencing) {
        return ForeignKeyViolation.find(e).filter(ForeignKeyViolation::hasFields)
                .map(v -> new Outcome(refused, referencing, 0, v, e))
                .orElseGet(() -> new Outcome(Result.FAILED, referencing, 0, null, e));
    }

    private void execute(boolean putBack) throws SQLException {
        String where = condition(fk.parentColumns());
        String sql = putBack
                ? "WITH gone AS (DELETE FROM " + fk.parent().sql() + " WHERE " + where + " RETURNING *) INSERT INTO "
                + fk.parent().sql() + " OVERRIDING SYSTEM VALUE SELECT * FROM gone"
                : change.operation() == ParentChange.Operation.DELETE
                ? "DELETE FROM " + fk.parent().sql() + " WHERE " + where
                : "UPDATE " + fk.parent().sql() + " SET (" + Sql.columnList(fk.parentColumns()) + ") = ROW("
                + casts() + ") WHERE " + where;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object value : change.newKey()) {
                statement.setObject(index++, value);
            }
            for (Object value : change.key()) {
                statement.setObject(index++, value);
            }
            statement.executeUpdate();
        }
    }

    private int count(String table, List<String> columns, List<Object> values) throws SQLException {
        String sql = "SELECT count(*) FROM " + table + (columns.isEmpty() ? "" : " WHERE " + condition(columns));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            return single(statement);
        }
    }

    private int countNull(List<String> columns) throws SQLException {
        String sql = "SELECT count(*) FROM " + fk.child().sql() + " WHERE "
                + columns.stream().map(c -> Sql.quote(c) + " IS NULL").collect(Collectors.joining(" AND "));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return single(statement);
        }
    }

    /** Values are cast to the parent's column types so that 1 finds a bigint key and "FR" a char(2) one. */
    private String condition(List<String> columns) {
        return "ROW(" + Sql.columnList(columns) + ") = ROW(" + casts() + ")";
    }

    private String casts() {
        return types.stream().map(type -> "CAST(? AS " + type + ")").collect(Collectors.joining(", "));
    }

    /** format_type gives SQL-ready type names (quoted where needed), so they can go into the statement. */
    private List<String> parentTypes() throws SQLException {
        return ForeignKeyFacts.types(connection, fk.parent().sql(), fk.parentColumns());
    }

    private String constraint() {
        return Sql.qualified(fk.child().schema(), fk.name());
    }

    private void exec(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
