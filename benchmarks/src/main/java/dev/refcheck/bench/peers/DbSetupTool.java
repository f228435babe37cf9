package dev.refcheck.bench.peers;

import com.ninja_squad.dbsetup.DbSetup;
import com.ninja_squad.dbsetup.destination.Destination;
import com.ninja_squad.dbsetup.operation.Insert;
import com.ninja_squad.dbsetup.operation.Operation;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.ninja_squad.dbsetup.Operations.deleteAllFrom;
import static com.ninja_squad.dbsetup.Operations.sequenceOf;

/**
 * DbSetup 2.1.0 as its documentation uses it: one Insert per table in a hand-written parent-first order;
 * restore is its idiom {@code sequenceOf(deleteAllFrom(children first), inserts)}.
 */
public final class DbSetupTool implements PeerTool {

    @Override
    public String name() {
        return "DbSetup 2.1.0";
    }

    @Override
    public void load(Connection connection, Dataset data) {
        launch(connection, sequenceOf(inserts(data)));
    }

    @Override
    public void restore(Connection connection, Dataset data) {
        List<String> childrenFirst = new ArrayList<>(data.tables().keySet());
        Collections.reverse(childrenFirst);
        List<Operation> operations = new ArrayList<>();
        operations.add(deleteAllFrom(childrenFirst));
        operations.addAll(inserts(data));
        launch(connection, sequenceOf(operations));
    }

    private static List<Operation> inserts(Dataset data) {
        List<Operation> inserts = new ArrayList<>();
        for (Dataset.Table table : data.tables().values()) {
            Insert.Builder insert = Insert.into(table.name()).columns(table.columns().toArray(String[]::new));
            for (Object[] row : table.rows()) {
                insert.values(row);
            }
            inserts.add(insert.build());
        }
        return inserts;
    }

    private static void launch(Connection connection, Operation operation) {
        Destination destination = () -> SharedConnection.uncloseable(connection);
        new DbSetup(destination, operation).launch();
        try {
            connection.setAutoCommit(true);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
