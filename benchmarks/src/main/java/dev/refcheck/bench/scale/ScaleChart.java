package dev.refcheck.bench.scale;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The scale curve as SVG written by hand (no chart dependency): three log-log panels — plan against FKs, load
 * and audit against rows — one line per series, and a dashed line of slope 1 (linear growth) through each
 * panel's lowest point, so a curve steeper than it would show at a glance.
 */
final class ScaleChart {

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};
    private static final int PANEL_W = 300;
    private static final int PANEL_H = 240;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int GAP = 80;

    private ScaleChart() {
    }

    static String svg(List<ScaleBench.Point> points) {
        int width = LEFT + 3 * PANEL_W + 2 * GAP + 20;
        int height = TOP + PANEL_H + 110;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">refcheck scale curve"
                + " (log-log; dashed: linear growth)</text>%n", LEFT));
        panel(svg, 0, "plan (FK catalog + order), ms", "FKs", points, ScaleBench.Point::fks, ScaleBench.Point::plan,
                true);
        panel(svg, 1, "load (FixtureLoader, shuffled), ms", "rows", points, ScaleBench.Point::rows,
                ScaleBench.Point::load, false);
        panel(svg, 2, "full orphan audit, ms", "rows", points, ScaleBench.Point::rows, ScaleBench.Point::audit, false);
        return svg.append("</svg>\n").toString();
    }

    /** {@code byRows}: one series per row count (x = FKs); otherwise one series per FK count (x = rows). */
    private static void panel(StringBuilder svg, int index, String title, String xLabel, List<ScaleBench.Point> points,
                              ToDoubleFunction<ScaleBench.Point> x, ToDoubleFunction<ScaleBench.Point> y,
                              boolean byRows) {
        int x0 = LEFT + index * (PANEL_W + GAP);
        double xMin = points.stream().mapToDouble(x).min().orElse(1);
        double xMax = points.stream().mapToDouble(x).max().orElse(10);
        double yMin = Math.pow(10, Math.floor(Math.log10(points.stream().mapToDouble(y).min().orElse(1))));
        double yMax = Math.pow(10, Math.ceil(Math.log10(points.stream().mapToDouble(y).max().orElse(10))));
        Scale sx = new Scale(xMin, xMax, x0, x0 + PANEL_W);
        Scale sy = new Scale(yMin, yMax, TOP + PANEL_H, TOP);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0, TOP - 8,
                title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", x0, TOP, PANEL_W, PANEL_H));
        for (double tick = yMin; tick <= yMax * 1.001; tick *= 10) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0, x0 + PANEL_W, sy.at(tick),
                    sy.at(tick), x0 - 4, sy.at(tick) + 4, label(tick)));
        }
        int[] xs = byRows ? ScaleBench.FKS : ScaleBench.ROWS;
        for (int tick : xs) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    sx.at(tick), TOP + PANEL_H + 14, label(tick)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                x0 + PANEL_W / 2, TOP + PANEL_H + 30, xLabel));
        int[] series = byRows ? ScaleBench.ROWS : ScaleBench.FKS;
        for (int s = 0; s < series.length; s++) {
            int key = series[s];
            List<ScaleBench.Point> line = points.stream().filter(p -> (byRows ? p.nominalRows() : p.fks()) == key).toList();
            if (line.isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (ScaleBench.Point p : line) {
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        sx.at(x.applyAsDouble(p)), sy.at(y.applyAsDouble(p))));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        sx.at(x.applyAsDouble(p)), sy.at(y.applyAsDouble(p)), COLOURS[s]));
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    path, COLOURS[s]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s %s</text>%n", x0,
                    TOP + PANEL_H + 48 + 14 * s, COLOURS[s], label(key), byRows ? "rows" : "FKs"));
            // linear reference through this series' first point
            ScaleBench.Point first = line.get(0);
            double fx = x.applyAsDouble(first);
            double fy = y.applyAsDouble(first);
            double endX = Math.min(xMax, fx * yMax / fy);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"%s\" stroke-dasharray=\"4 3\" opacity=\"0.5\"/>%n", sx.at(fx), sy.at(fy), sx.at(endX),
                    sy.at(fy * endX / fx), COLOURS[s]));
        }
    }

    private static String label(double value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.0fM", value / 1_000_000);
        }
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1_000);
        }
        return value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
    }

    /** log10 mapping of a data range to pixels. */
    private record Scale(double min, double max, double from, double to) {
        double at(double value) {
            double f = (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            return from + f * (to - from);
        }
    }
}
