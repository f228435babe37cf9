package dev.refcheck.bench.peers;

import com.github.database.rider.core.api.configuration.Orthography;
import com.github.database.rider.core.configuration.DBUnitConfig;
import com.github.database.rider.core.configuration.DataSetConfig;
import com.github.database.rider.core.dsl.RiderDSL;
import com.github.database.rider.core.api.dataset.ScriptableDataSet;
import com.github.database.rider.core.api.dataset.YamlDataSet;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.dbunit.dataset.Column;
import org.dbunit.dataset.DataSetException;
import org.dbunit.dataset.DefaultDataSet;
import org.dbunit.dataset.DefaultTable;
import org.dbunit.dataset.IDataSet;
import org.dbunit.dataset.datatype.DataType;

/**
 * Database Rider 1.44.0 through its DSL, with the one setting PostgreSQL needs
 * ({@code caseInsensitiveStrategy=LOWERCASE}) and otherwise its defaults (seed strategy CLEAN_INSERT), or with
 * {@code batchedStatements=true}. Restore is {@code cleanBefore=true} and the data set loaded again. The data
 * set comes as Rider users write it, a YAML file (parsed by Rider's YamlDataSet inside the timing; the YAML text
 * is made once, outside), or already in memory as DBUnit tables, to show what the parsing costs.
 */
public final class RiderTool implements PeerTool {

    private static final AtomicInteger EXECUTORS = new AtomicInteger();

    private static final Map<Dataset, byte[]> YAML = new IdentityHashMap<>();

    private final boolean batched;
    private final boolean yaml;

    public RiderTool(boolean batched, boolean yaml) {
        this.batched = batched;
        this.yaml = yaml;
    }

    @Override
    public String name() {
        return "Database Rider 1.44.0, " + (batched ? "batchedStatements=true" : "defaults")
                + (yaml ? ", YAML data set" : ", data set in memory");
    }

    @Override
    public void load(Connection connection, Dataset data) {
        run(connection, data, false);
    }

    @Override
    public void restore(Connection connection, Dataset data) {
        run(connection, data, true);
    }

    private void run(Connection connection, Dataset data, boolean cleanBefore) {
        DBUnitConfig config = new DBUnitConfig().caseInsensitiveStrategy(Orthography.LOWERCASE);
        if (batched) {
            config.addDBUnitProperty("batchedStatements", true);
        }
        // Rider caches one executor per id together with its first connection: each database gets its own id
        String executor = "chinook-" + EXECUTORS.incrementAndGet();
        byte[] text = yaml ? yaml(data) : null;
        DataSetConfig dataSet = new DataSetConfig().datasetProvider(() -> yaml
                        ? new ScriptableDataSet(false, new YamlDataSet(new ByteArrayInputStream(text), config))
                        : dbunit(data))
                .cleanBefore(cleanBefore).executorId(executor);
        RiderDSL.withConnection(connection).withDataSetConfig(dataSet).withDBUnitConfig(config).createDataSet();
    }

    /** The data set as a Rider YAML file: table name, then a list of rows as column: value maps. */
    public static synchronized byte[] yaml(Dataset data) {
        return YAML.computeIfAbsent(data, d -> {
            Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
            for (Dataset.Table table : d.tables().values()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Object[] row : table.rows()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < row.length; i++) {
                        Object value = row[i];
                        values.put(table.columns().get(i), value == null || value instanceof Integer
                                || value instanceof String ? value : value instanceof BigDecimal b
                                ? (Object) b.doubleValue() : value.toString());
                    }
                    rows.add(values);
                }
                tables.put(table.name(), rows);
            }
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return new Yaml(options).dump(tables).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** The data set as DBUnit tables, column types left to the database's metadata as Rider does for YAML. */
    static IDataSet dbunit(Dataset data) throws DataSetException {
        DefaultDataSet dataSet = new DefaultDataSet();
        for (Dataset.Table table : data.tables().values()) {
            Column[] columns = table.columns().stream().map(c -> new Column(c, DataType.UNKNOWN)).toArray(Column[]::new);
            DefaultTable dbunitTable = new DefaultTable(table.name(), columns);
            for (Object[] row : table.rows()) {
                dbunitTable.addRow(row);
            }
            dataSet.addTable(dbunitTable);
        }
        return dataSet;
    }
}
