package io.eventbank.devstack.bench;

import java.util.List;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** The report as one HTML page: the Markdown rendered (CommonMark with tables), then the plots. No external links. */
final class Html {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

    private Html() {
    }

    static String page(String title, String markdown, List<String> plots) {
        String body = HtmlRenderer.builder().extensions(EXTENSIONS).build()
                .render(Parser.builder().extensions(EXTENSIONS).build().parse(markdown));
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>
                body { font-family: sans-serif; max-width: 75rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
                table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
                th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: right; }
                th:first-child, td:first-child { text-align: left; }
                img { max-width: 100%%; display: block; margin: 1rem 0; }
                </style></head><body>
                """.formatted(title));
        html.append(body);
        html.append("<h2>Over the run</h2>\n");
        for (String plot : plots) {
            html.append("<img src=\"").append(plot).append("\" alt=\"").append(plot.replace(".png", ""))
                    .append(" over the run\">\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
