package ai.migma.gateway.export;

/** One file an export made, before it is stored; {@code format} is its own (html, json, zip, ...). */
record ExportedFile(String filename, String format, String contentType, byte[] content) {

    static final String HTML = "text/html; charset=utf-8";
    /** MJML has no media type of its own; it is XML, and is downloaded rather than displayed. */
    static final String MJML = "application/xml; charset=utf-8";
    static final String PDF = "application/pdf";
    static final String ZIP = "application/zip";
    static final String JSON = "application/json";
}
