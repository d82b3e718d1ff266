package io.eventbank.devstack.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.eventbank.devstack.bench.Phase.Kind;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The plots of a run as PNG files (JFreeChart, headless): throughput, latency, CPU and memory over time. */
final class Plots {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 520;

    private final Timeline timeline;

    Plots(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Writes the plots; answers the names of the files written (none when this JVM cannot draw). */
    List<String> write(Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> written = new ArrayList<>();
        try {
            save(directory, "throughput.png", throughput(), written);
            save(directory, "latency.png", latency(), written);
            save(directory, "cpu.png", meters("CPU per process", "% of one core", name -> name.startsWith("cpu ")),
                    written);
            save(directory, "memory.png", meters("Memory (PSS) per process, heap per service", "MB",
                    name -> name.startsWith("memory ") || name.startsWith("heap ") || name.startsWith("snapshots ")),
                    written);
        } catch (Error | RuntimeException e) {
            // no fonts or no AWT on this machine: the report stays text and tables
            System.err.println("bench: the plots could not be drawn (" + e + ")");
        }
        return written;
    }

    private void save(Path directory, String name, JFreeChart chart, List<String> written) throws IOException {
        marks(chart.getXYPlot());
        ChartUtils.saveChartAsPNG(directory.resolve(name).toFile(), chart, WIDTH, HEIGHT);
        written.add(name);
    }

    private JFreeChart throughput() {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<Kind, XYSeries> byKind = new TreeMap<>();
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new XYSeries(kind.label + " final/s"));
        }
        XYSeries errors = new XYSeries("errors/s");
        timeline.seconds().forEach((second, data1) -> {
            for (Kind kind : Kind.values()) {
                byKind.get(kind).add(second.doubleValue(), data1.finals.getOrDefault(kind, 0L));
            }
            errors.add(second.doubleValue(), data1.errors);
        });
        byKind.values().forEach(data::addSeries);
        data.addSeries(errors);
        return chart("Transfers final in the read model, per second", "transfers/s", data);
    }

    private JFreeChart latency() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50");
        XYSeries p99 = new XYSeries("p99");
        XYSeries max = new XYSeries("max");
        timeline.seconds().forEach((second, data1) -> {
            if (data1.latency.getTotalCount() > 0) {
                p50.add(second.doubleValue(), Math.max(0.1, data1.latency.getValueAtPercentile(50) / 1000.0));
                p99.add(second.doubleValue(), Math.max(0.1, data1.latency.getValueAtPercentile(99) / 1000.0));
                max.add(second.doubleValue(), Math.max(0.1, data1.latency.getMaxValue() / 1000.0));
            }
        });
        data.addSeries(p50);
        data.addSeries(p99);
        data.addSeries(max);
        JFreeChart chart = chart("Request to final in the read model, of the transfers final in each second",
                "ms", data);
        LogAxis axis = new LogAxis("ms (log)");
        axis.setSmallestValue(0.1);
        chart.getXYPlot().setRangeAxis(axis);
        return chart;
    }

    private JFreeChart meters(String title, String unit, Predicate<String> which) {
        XYSeriesCollection data = new XYSeriesCollection();
        timeline.series().forEach((name, samples) -> {
            if (which.test(name)) {
                XYSeries series = new XYSeries(name);
                samples.forEach(sample -> series.add(sample.at(), sample.value()));
                data.addSeries(series);
            }
        });
        return chart(title, unit, data);
    }

    private static JFreeChart chart(String title, String unit, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds since the platform was ready", unit, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(1.5f));
        }
        return chart;
    }

    private void marks(XYPlot plot) {
        for (Map.Entry<Double, String> mark : timeline.marks()) {
            ValueMarker marker = new ValueMarker(mark.getKey(), Color.GRAY, new BasicStroke(0.8f));
            marker.setLabel(mark.getValue());
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        }
    }
}
