package com.verdictdigest.templates;

import java.io.Reader;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * The templates bundled in the jar, under {@code templates/} on the class path. Names are the same
 * as in the folder, for the pages' own {@code #parse("pages/top.html.vm")} as much as for ours.
 */
public final class BundledTemplateLoader extends ClasspathResourceLoader {
    @Override
    public Reader getResourceReader(String name, String encoding) throws ResourceNotFoundException {
        return super.getResourceReader("templates/" + name, encoding);
    }
}
