package ai.migma.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.migma.gateway.rendering.HtmlRenderer;
import ai.migma.gateway.support.UnitTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@UnitTest
class ExporterTest {

    private final Exporter exporter = new Exporter(new HtmlRenderer(), JsonMapper.builder().build());

    private List<ExportedFile> files(ExportFormat format, Exporter.Options options) {
        return exporter.files(format, SampleEmail.email(), options);
    }

    @Test
    void makesTheFilesOfEachFormatNamedAfterTheSubject() {
        assertThat(files(ExportFormat.HTML, Exporter.Options.NONE)).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo("announce-our-spring-sale.html");
            assertThat(file.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo(SampleEmail.HTML);
        });
        assertThat(files(ExportFormat.MJML, Exporter.Options.NONE)).extracting(ExportedFile::filename,
                ExportedFile::format).containsExactly(tuple(
                        "announce-our-spring-sale.mjml", "mjml"));
        assertThat(files(ExportFormat.MAILCHIMP, Exporter.Options.NONE)).extracting(ExportedFile::contentType)
                .containsExactly("application/zip");
        assertThat(files(ExportFormat.KLAVIYO, new Exporter.Options("html", null))).extracting(ExportedFile::format)
                .containsExactly("html");
        assertThat(files(ExportFormat.KLAVIYO, new Exporter.Options("hybrid", null)))
                .extracting(ExportedFile::filename, ExportedFile::contentType).containsExactly(
                        tuple("announce-our-spring-sale.html", "text/html; charset=utf-8"),
                        tuple("announce-our-spring-sale.json", "application/json"));
        assertThat(new String(files(ExportFormat.HUBSPOT, new Exporter.Options("html", "Keep it short")).get(0)
                .content(), StandardCharsets.UTF_8)).startsWith("<!--\n  templateType: email")
                .contains("Keep it short", "{{ unsubscribe_link }}");
    }

    @Test
    void makesTheSameBytesForTheSameEmail() {
        for (ExportFormat format : List.of(ExportFormat.HTML, ExportFormat.MJML, ExportFormat.MAILCHIMP,
                ExportFormat.KLAVIYO, ExportFormat.HUBSPOT)) {
            Exporter.Options options = new Exporter.Options("code", "Be brief");
            assertThat(files(format, options)).as(format.formatName()).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(files(format, options));
        }
    }

    @Test
    void printsTheEmailToARealPdf() throws Exception {
        ExportedFile pdf = files(ExportFormat.PDF, Exporter.Options.NONE).get(0);

        assertThat(pdf.filename()).isEqualTo("announce-our-spring-sale.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.content(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.content())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(SampleEmail.SUBJECT, "Visit Shop", "Unsubscribe");
            // The hidden preheader is not printed.
            assertThat(text).doesNotContain("Shop · Announce");
            assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(Exporter.PAGE_WIDTH_PX * 0.75f);
        }
    }
}
