package dev.refcheck.bench.scale;

import dev.refcheck.bench.Stats;
import dev.refcheck.graph.LoadPlan;
import dev.refcheck.graph.TableGraph;
import dev.refcheck.orphans.OrphanDetector;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.schema.ForeignKeyCatalog;
import dev.refcheck.schema.SchemaSource;
import dev.refcheck.schema.TableCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Where ScaleBench's per-schema costs go as the FK count grows: FK catalog read, graph build, plan, table
 * catalog read and an audit of the empty schema, each timed alone (medians of 15, after 5 warm-ups).
 *
 * <pre>java -cp benchmarks/target/refcheck-benchmarks.jar dev.refcheck.bench.scale.ScaleProfile [fks,...]</pre>
 */
public final class ScaleProfile {

    private ScaleProfile() {
    }

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "100,300,1000").split(",");
        System.out.println("| FKs | FK catalog read | graph build | plan | table catalog read | audit, empty tables, same connection |");
        System.out.println("|---|---|---|---|---|---|");
        try (Cluster cluster = Cluster.start(ServerSpec.embedded())) {
            for (String size : sizes) {
                int fks = Integer.parseInt(size);
                Path schema = Files.createTempFile("refcheck-profile-" + fks, ".sql");
                Files.writeString(schema, ScaleBench.schema(fks));
                Template template = cluster.template(SchemaSource.of(List.of("file:" + schema), List.of(),
                        ScaleProfile.class.getClassLoader()));
                List<List<Double>> t = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>(), new ArrayList<>());
                Session session = Session.begin(cluster, template, Isolation.TRANSACTION, null, "ScaleProfile");
                try {
                    Connection connection = session.connection();
                    for (int i = -5; i < 15; i++) {
                        long a = System.nanoTime();
                        ForeignKeyCatalog catalog = ForeignKeyCatalog.read(connection);
                        long b = System.nanoTime();
                        TableGraph graph = TableGraph.of(catalog);
                        long c = System.nanoTime();
                        LoadPlan plan = graph.plan();
                        long d = System.nanoTime();
                        TableCatalog.read(connection);
                        long e = System.nanoTime();
                        OrphanDetector.of(catalog).audit(connection);
                        long f = System.nanoTime();
                        if (plan.insertOrder().isEmpty()) {
                            throw new IllegalStateException("empty plan");
                        }
                        if (i >= 0) {
                            long[] marks = {a, b, c, d, e, f};
                            for (int k = 0; k < 5; k++) {
                                t.get(k).add((marks[k + 1] - marks[k]) / 1e6);
                            }
                        }
                    }
                } finally {
                    session.finish();
                }
                System.out.printf("| %d | %s | %s | %s | %s | %s |%n", fks, Stats.ms(Stats.median(t.get(0))),
                        Stats.ms(Stats.median(t.get(1))), Stats.ms(Stats.median(t.get(2))),
                        Stats.ms(Stats.median(t.get(3))), Stats.ms(Stats.median(t.get(4))));
                Files.deleteIfExists(schema);
            }
        }
    }
}
