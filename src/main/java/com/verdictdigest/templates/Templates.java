package com.verdictdigest.templates;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.exception.VelocityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Velocity templates of emails and pages, read from {@code templates.dir} so an operator can
 * edit them without rebuilding (the copy bundled in the jar serves when that folder is missing).
 * Templates named {@code *.html.vm} escape every inserted value; {@code *.txt.vm} do not.
 * Strict mode turns a misspelt reference into an error instead of literal "$name" in a reader's inbox.
 */
public final class Templates {
    private static final Logger log = LoggerFactory.getLogger(Templates.class);
    static final String HTML_ATTRIBUTE = "verdicts.html";
    private static final java.util.regex.Pattern PLACE =
            java.util.regex.Pattern.compile("\\[line (\\d+), column (\\d+)\\]");

    private final VelocityEngine htmlEngine;
    private final VelocityEngine textEngine;
    private final String location;

    public Templates(Path dir) {
        boolean onDisk = Files.isDirectory(dir);
        this.location = onDisk ? dir.toString() : "bundled templates";
        if (!onDisk) {
            log.debug("Templates folder {} not found; using the templates bundled in the jar", dir);
        }
        this.htmlEngine = engine(dir, onDisk, true);
        this.textEngine = engine(dir, onDisk, false);
    }

    private static VelocityEngine engine(Path dir, boolean onDisk, boolean html) {
        Properties p = new Properties();
        if (onDisk) {
            p.setProperty("resource.loaders", "file");
            p.setProperty("resource.loader.file.path", dir.toAbsolutePath().toString());
        } else {
            p.setProperty("resource.loaders", "class");
            p.setProperty("resource.loader.class.class", BundledTemplateLoader.class.getName());
        }
        p.setProperty("resource.default_encoding", "UTF-8");
        p.setProperty("runtime.strict_mode.enable", "true");
        p.setProperty("event_handler.reference_insertion.class", InsertionHandler.class.getName());
        VelocityEngine engine = new VelocityEngine(p);
        engine.setApplicationAttribute(HTML_ATTRIBUTE, html);
        engine.init();
        return engine;
    }

    /** A parsed template, ready to render many times. */
    public Compiled get(String name) {
        boolean html = name.endsWith(".html.vm");
        VelocityEngine engine = html ? htmlEngine : textEngine;
        try {
            return new Compiled(name, engine.getTemplate(name, "UTF-8"));
        } catch (ResourceNotFoundException e) {
            throw new TemplateException("template " + name + " not found in " + location, e);
        } catch (ParseErrorException e) {
            throw new TemplateException(where(name, e.getLineNumber(), e.getColumnNumber())
                    + ": " + firstLine(e.getInvalidSyntax() == null ? e.getMessage() : "syntax error near '"
                    + e.getInvalidSyntax() + "'"), e);
        }
    }

    private String where(String name, int line, int column) {
        return (location.equals("bundled templates") ? "templates" : location) + "/" + name
                + ":" + line + ":" + column;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One parsed template. Thread-safe: Velocity templates may be merged concurrently. */
    public final class Compiled {
        private final String name;
        private final Template template;

        private Compiled(String name, Template template) {
            this.name = name;
            this.template = template;
        }

        public String render(Map<String, ?> values) {
            VelocityContext context = new VelocityContext();
            values.forEach(context::put);
            StringWriter out = new StringWriter(4096);
            try {
                template.merge(context, out);
            } catch (MethodInvocationException e) {
                throw new TemplateException(where(name, e.getLineNumber(), e.getColumnNumber()) + ": "
                        + firstLine(e.getMessage()), e);
            } catch (ParseErrorException e) {
                throw new TemplateException(where(name, e.getLineNumber(), e.getColumnNumber()) + ": "
                        + firstLine(e.getMessage()), e);
            } catch (VelocityException e) {
                // Strict-mode errors name their place only in the message: "... at x.vm[line 2, column 7]".
                java.util.regex.Matcher at = PLACE.matcher(e.getMessage());
                String reason = firstLine(e.getMessage()).replaceFirst(" at \\S+\\[line \\d+, column \\d+\\]$", "");
                throw new TemplateException(at.find()
                        ? where(name, Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2))) + ": " + reason
                        : location + "/" + name + ": " + reason, e);
            }
            return out.toString();
        }
    }
}
