package ai.migma.gateway.dashboard;

import ai.migma.gateway.usage.UsagePoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The geometry of the dashboard's charts, computed here so the page is plain inline SVG: stacked bars of requests by
 * outcome per period, and the 7-day sparkline of the key table.
 */
final class UsageChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    /** Room below the bars for the period labels. */
    static final int AXIS = 20;
    private static final int LABELS = 6;
    static final List<String> OUTCOMES = List.of("success", "clientErrors", "forbidden", "rateLimited",
            "serverErrors");
    static final Map<String, String> OUTCOME_LABELS = Map.of("success", "Success (2xx)", "clientErrors",
            "Client errors (4xx)", "forbidden", "Forbidden (403)", "rateLimited", "Rate limited (429)",
            "serverErrors", "Server errors (5xx)");

    record Segment(String outcome, double y, double height) {
    }

    /** {@code axisLabel}: shown under the axis for a few evenly spaced bars, so labels never overlap. */
    record Bar(String label, double x, double width, long total, List<Segment> segments, UsagePoint point,
            boolean axisLabel) {
    }

    private UsageChart() {
    }

    /** One bar per period in {@code [from, to)}, zero where no request was made. */
    static List<Bar> bars(List<UsagePoint> points, Instant from, Instant to, ChronoUnit unit) {
        Map<Instant, UsagePoint> byStart = new HashMap<>();
        points.forEach(point -> byStart.put(point.start(), point));
        List<UsagePoint> periods = new ArrayList<>();
        for (Instant start = from.truncatedTo(unit); start.isBefore(to); start = start.plus(1, unit)) {
            periods.add(byStart.getOrDefault(start, new UsagePoint(start, 0, 0, 0, 0, 0, 0)));
        }
        long max = Math.max(1, periods.stream().mapToLong(UsagePoint::requests).max().orElse(1));
        double width = (double) WIDTH / Math.max(1, periods.size());
        DateTimeFormatter label = DateTimeFormatter.ofPattern(unit == ChronoUnit.DAYS ? "MMM d" : "MMM d HH:00",
                Locale.ENGLISH).withZone(ZoneOffset.UTC);
        List<Bar> bars = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            UsagePoint point = periods.get(i);
            long[] counts = {point.success(), point.clientErrors(), point.forbidden(), point.rateLimited(),
                    point.serverErrors()};
            List<Segment> segments = new ArrayList<>();
            double top = HEIGHT;
            for (int o = 0; o < counts.length; o++) {
                if (counts[o] > 0) {
                    double height = (double) HEIGHT * counts[o] / max;
                    top -= height;
                    segments.add(new Segment(OUTCOMES.get(o), round(top), round(height)));
                }
            }
            int every = Math.max(1, periods.size() / LABELS);
            bars.add(new Bar(label.format(point.start()), round(i * width + 1), round(Math.max(1, width - 2)),
                    point.requests(), segments, point, i % every == 0));
        }
        return bars;
    }

    /** SVG polyline points of a 100×24 sparkline. */
    static String sparkline(long[] daily) {
        long max = 1;
        for (long count : daily) {
            max = Math.max(max, count);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < daily.length; i++) {
            double x = daily.length == 1 ? 0 : 100.0 * i / (daily.length - 1);
            double y = 22 - 20.0 * daily[i] / max;
            points.append(i == 0 ? "" : " ").append(round(x)).append(',').append(round(y));
        }
        return points.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
