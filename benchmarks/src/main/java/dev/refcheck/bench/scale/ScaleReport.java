package dev.refcheck.bench.scale;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The scale table, and the growth exponents that say whether a cost grows faster than linearly. */
final class ScaleReport {

    private ScaleReport() {
    }

    static String table(List<ScaleBench.Point> points) {
        StringBuilder out = new StringBuilder();
        out.append("| FKs | tables | rows | runs | plan (ms) | load (ms) | load µs/row | audit (ms) | audit µs/row |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ScaleBench.Point p : points) {
            out.append(String.format(Locale.ROOT, "| %d | %d | %,d | %d | %.1f | %.1f | %.2f | %.1f | %.2f |%n",
                    p.fks(), p.tables(), p.rows(), p.runs(), p.plan(), p.load(), 1000 * p.load() / p.rows(),
                    p.audit(), 1000 * p.audit() / p.rows()));
        }
        out.append("\nGrowth exponent k between neighbouring points (cost ∝ size^k; k ≤ 1 is no faster than linear):\n\n");
        out.append("| along | at | step | plan k | load k | audit k |\n|---|---|---|---|---|---|\n");
        for (int fks : ScaleBench.FKS) {
            List<ScaleBench.Point> line = points.stream().filter(p -> p.fks() == fks).toList();
            for (int i = 1; i < line.size(); i++) {
                row(out, "rows", fks + " FKs", line.get(i - 1), line.get(i), ScaleBench.Point::rows);
            }
        }
        for (int rows : ScaleBench.ROWS) {
            List<ScaleBench.Point> line = points.stream().filter(p -> p.nominalRows() == rows).toList();
            for (int i = 1; i < line.size(); i++) {
                row(out, "FKs", String.format(Locale.ROOT, "%,d rows", rows), line.get(i - 1), line.get(i),
                        ScaleBench.Point::fks);
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String along, String at, ScaleBench.Point a, ScaleBench.Point b,
                            ToDoubleFunction<ScaleBench.Point> size) {
        double step = size.applyAsDouble(b) / size.applyAsDouble(a);
        out.append(String.format(Locale.ROOT, "| %s | %s | %s → %s | %.2f | %.2f | %.2f |%n", along, at,
                (long) size.applyAsDouble(a), (long) size.applyAsDouble(b), exponent(a.plan(), b.plan(), step),
                exponent(a.load(), b.load(), step), exponent(a.audit(), b.audit(), step)));
    }

    static double exponent(double from, double to, double step) {
        return Math.log(to / from) / Math.log(step);
    }
}
